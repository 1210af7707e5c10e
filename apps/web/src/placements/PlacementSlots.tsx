import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';

type Placement = components['schemas']['PlacementDto'];

/** A placement's weekly lessons, one per line (dinsdag 09:00–12:00); a cancelled one shows the lessons it had. */
export function PlacementSlots({ placement }: { placement: Placement }) {
  const { t } = useTranslation();
  return placement.slots
    .filter((slot) => slot.active || placement.status === 'cancelled')
    .map((slot) => (
      <div key={slot.lessonBlockId}>
        {t(`weekday.${slot.weekday}` as 'weekday.1')} {slot.startTime}–{slot.endTime}
      </div>
    ));
}
