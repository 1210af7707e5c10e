import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { HolidayRegion } from '@hybridmatch/domain';

/** A coordination region (an STO or labour-market region): data, never a constant in code. */
@Entity('region')
export class Region {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'enum', enum: HolidayRegion, enumName: 'holiday_region' })
  holidayRegion: HolidayRegion;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
