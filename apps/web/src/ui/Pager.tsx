import { Pagination } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Page buttons under a paged list (nothing when everything fits on one page), labelled for screen readers. */
export function Pager({
  total,
  pageSize,
  page,
  onChange,
}: {
  total: number | undefined;
  pageSize: number;
  page: number;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (total === undefined || total <= pageSize) return null;
  return (
    <Pagination
      total={Math.ceil(total / pageSize)}
      value={page}
      onChange={onChange}
      getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
    />
  );
}
