import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';

/** The SQL that `migration:generate` would write for this database: empty when there is no drift. */
export async function pendingSchemaChanges(url: string): Promise<string[]> {
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((query) => query.query);
  } finally {
    await dataSource.destroy();
  }
}
