import { REQUEST_STATUS_NL } from '../../../libs/domain/src/enums';
import en from '../src/i18n/en.json';
import nl from '../src/i18n/nl.json';

type Tree = { [key: string]: string | Tree };
const keysOf = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );

describe('web app strings', () => {
  it('has every Dutch string in English and nothing more', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(nl).sort());
  });

  it('has no empty string', () => {
    const empty = (tree: Tree): boolean =>
      Object.values(tree).some((value) => (typeof value === 'string' ? value.trim() === '' : empty(value)));
    expect(empty(nl) || empty(en)).toBe(false);
  });
});

describe('web app strings: one word for one status', () => {
  it.each([
    ['nl', nl],
    ['en', en],
  ] as const)(
    '%s: a status reads the same on every page, in the history and in the answers',
    (_, strings) => {
      const { statuses, actions, answerValues } = strings.proposal;
      // The history names an action by the status it leads to.
      expect([
        actions.create,
        actions.approve,
        actions.decline,
        actions.withdraw,
        actions.expire,
        actions.cancel,
      ]).toEqual([
        statuses.proposed,
        statuses.approved,
        statuses.declined,
        statuses.withdrawn,
        statuses.expired,
        statuses.cancelled,
      ]);
      expect(actions.reject.startsWith(statuses.rejected)).toBe(true);
      // A party's answer is the word of the status a decline leads to.
      expect(answerValues.declined.toLowerCase()).toBe(statuses.declined.toLowerCase());
      expect(answerValues.accepted.toLowerCase()).toBe(actions.accept.toLowerCase());
      // A placement is cancelled by cancelling its approved proposal: the school's and the company's
      // placements pages, the proposal and the lessons say the same word.
      expect(strings.placements.statuses.cancelled).toBe(statuses.cancelled);
      expect(strings.lessons.statuses.cancelled).toBe(statuses.cancelled);
      // A request the school called off is "withdrawn", the word of its action (requestForm.cancelTitle).
      expect(strings.requests.statuses.cancelled).toBe(statuses.withdrawn);
    },
  );

  it('a proposal whose blocks are gone tells the coordinator to do what the approval queue offers: reject it', () => {
    expect(nl.errors.PROPOSAL_BLOCKS_GONE).toContain('Wijs het voorstel af');
    expect(nl.reject.title_one).toBe('Voorstel afwijzen');
    expect(en.errors.PROPOSAL_BLOCKS_GONE).toContain('Reject the proposal');
  });
});

describe("the API's Dutch status words are the app's", () => {
  it("a request's status in a refusal reads as the app's label for it", () => {
    const labels = Object.fromEntries(
      Object.entries(nl.requests.statuses).map(([status, label]) => [status, label.toLowerCase()]),
    );
    expect(REQUEST_STATUS_NL).toEqual(labels);
  });
});
