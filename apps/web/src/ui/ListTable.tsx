import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A list as a table: one header per column, the rows (`Table.Tr`) as children, scrolling sideways
 * on a screen narrower than `minWidth`.
 */
export function ListTable({
  minWidth,
  headers,
  striped = false,
  children,
}: {
  minWidth: number;
  headers: ReactNode[];
  striped?: boolean;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped={striped}>
        <Table.Thead>
          <Table.Tr>
            {headers.map((header, column) => (
              <Table.Th key={column}>{header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
