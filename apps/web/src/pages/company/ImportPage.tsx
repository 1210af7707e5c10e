import { Alert, Anchor, Button, FileInput, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, queryClient } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemError } from '../../api/session';
import { type CsvLine, decodeCsv, splitCsv } from '../../company/csv';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { fieldReason, problemOf } from '../../ui/fieldErrors';
import { ListTable } from '../../ui/ListTable';

type FieldError = components['schemas']['FieldErrorDto'];

/** Columns that say whose row it is; shown on every row with errors, beside the columns that have them. */
const WHO = ['employee_ref', 'first_name', 'last_name'];

interface Upload {
  file: File;
  lines: CsvLine[];
}

/** The rows the API found errors in, each with its cells: a bad cell shows its value and the reason (in the reader's language) beside it. */
function ErrorsInFile({ upload, errors }: { upload: Upload; errors: FieldError[] }) {
  const { t } = useTranslation();
  const header = (upload.lines[0]?.cells ?? []).map((name) => name.trim().toLowerCase());
  const badColumns = [
    ...new Set(errors.flatMap((error) => (error.column ? [error.column.toLowerCase()] : []))),
  ];
  const columns = [
    ...WHO.filter((name) => header.includes(name)),
    ...badColumns.filter((name) => !WHO.includes(name)),
  ];
  const byLine = new Map<number, FieldError[]>();
  for (const error of errors) byLine.set(error.line ?? 0, [...(byLine.get(error.line ?? 0) ?? []), error]);
  const lines = [...byLine.keys()].sort((a, b) => a - b);
  const cellsOf = new Map(upload.lines.map((line) => [line.line, line.cells]));
  const dataLines = Math.max(upload.lines.length - 1, 0);
  return (
    <Stack>
      <Text fw={700}>
        {t('import.badRows', { count: lines.filter((line) => line > 1).length, total: dataLines })}
      </Text>
      <ListTable
        minWidth={200 + columns.length * 160}
        headers={[t('import.line'), ...columns, t('import.other')]}
      >
        {lines.map((line) => {
          const lineErrors = byLine.get(line)!;
          const cells = cellsOf.get(line) ?? [];
          const placed = new Set<FieldError>();
          return (
            <Table.Tr key={line} aria-label={t('import.lineLabel', { line })}>
              <Table.Th scope="row">{line === 0 ? '–' : line}</Table.Th>
              {columns.map((column) => {
                const here = lineErrors.filter((error) => error.column?.toLowerCase() === column);
                here.forEach((error) => placed.add(error));
                const at = header.indexOf(column);
                const value = line === 1 ? column : at >= 0 ? (cells[at] ?? '') : '';
                return (
                  <Table.Td key={column} bg={here.length ? 'red.0' : undefined}>
                    <Text size="sm" ff="monospace">
                      {value === '' ? t('import.emptyCell') : value}
                    </Text>
                    {here.map((error) => (
                      <Text key={`${error.field}-${error.reason}`} size="sm" c="red.9">
                        {fieldReason(error)}
                      </Text>
                    ))}
                  </Table.Td>
                );
              })}
              <Table.Td>
                {lineErrors
                  .filter((error) => !placed.has(error))
                  .map((error) => (
                    <Text key={`${error.field}-${error.reason}`} size="sm" c="red.9">
                      {error.column ?? (isWhole(error.field) ? t(WHOLE[error.field]) : error.field)}:{' '}
                      {fieldReason(error)}
                    </Text>
                  ))}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </ListTable>
    </Stack>
  );
}

/** An error about the whole file or a whole row (the API's `file` and `row` fields), named in the reader's words. */
const WHOLE = { file: 'import.wholeFile', row: 'import.wholeRow' } as const;
const isWhole = (field: string): field is keyof typeof WHOLE => Object.hasOwn(WHOLE, field);

/**
 * Import staff from a CSV file (POST /api/teachers/import, all rows or none). When the API finds
 * errors, the rows that have them are shown with each bad cell and its reason; fix the file and
 * upload it again.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const [upload, setUpload] = useState<Upload | null>(null);
  const run = useMutation({
    mutationFn: async (file: File) => {
      const { data, error } = await api.POST('/api/teachers/import', {
        body: '',
        bodySerializer: () => file,
        headers: { 'content-type': 'text/csv' },
      });
      if (error) throw new ProblemError(error);
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['get', '/api/teachers'] }),
  });
  const choose = async (file: File | null) => {
    run.reset();
    setUpload(file ? { file, lines: splitCsv(decodeCsv(new Uint8Array(await file.arrayBuffer()))) } : null);
  };
  const problem = problemOf(run.error);
  const rowErrors = problem?.code === 'CSV_INVALID' ? (problem.errors ?? []) : [];
  return (
    <Stack>
      <Title order={1}>{t('import.title')}</Title>
      <Text>{t('import.intro')}</Text>
      <List size="sm">
        <List.Item>{t('import.allOrNone')}</List.Item>
        <List.Item>{t('import.update')}</List.Item>
        <List.Item>{t('import.format')}</List.Item>
      </List>
      <Group align="flex-end">
        <FileInput
          w={360}
          label={t('import.file')}
          accept=".csv,text/csv"
          clearable
          clearButtonProps={{ 'aria-label': t('import.clear') }}
          value={upload?.file ?? null}
          onChange={(file) => void choose(file)}
        />
        <Button disabled={!upload} loading={run.isPending} onClick={() => upload && run.mutate(upload.file)}>
          {t('import.submit')}
        </Button>
      </Group>
      {run.data && (
        <Alert color="green" role="status" title={t('import.done')}>
          {t('import.result', run.data)}{' '}
          <Anchor component={Link} to="/staff">
            {t('import.toStaff')}
          </Anchor>
        </Alert>
      )}
      {run.error && <ErrorAlert error={rowErrors.length ? { ...problem, errors: [] } : run.error} />}
      {upload && rowErrors.length > 0 && (
        <>
          <Text>{t('import.fixAndRetry')}</Text>
          <ErrorsInFile upload={upload} errors={rowErrors} />
        </>
      )}
    </Stack>
  );
}
