/** Which page a list query asks for (the API's `PageQueryDto` is one). */
export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export const pageWindow = (query: PageRequest) => ({
  skip: (query.page - 1) * query.pageSize,
  take: query.pageSize,
});
