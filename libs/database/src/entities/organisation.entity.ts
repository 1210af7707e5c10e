import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { OrganisationKind } from '@hybridmatch/domain';
import { decimalTransformer } from '../column-types';
import { Region } from './region.entity';
import { OrganisationLocation } from './organisation-location.entity';

/** A company, an MBO or HBO school, or a Hybride Techniekcentrum. */
@Check(
  'ck_organisation_hbo_didactic_fte',
  '"hbo_didactic_fte_threshold" IS NULL OR "hbo_didactic_fte_threshold" BETWEEN 0 AND 1',
)
@Entity('organisation')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind' })
  kind: OrganisationKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Index()
  @Column({ type: 'uuid' })
  regionId: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Region;

  /** KvK (chamber of commerce) number, optional. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  kvkNumber: string | null;

  /** HBO schools: the FTE above which their didactic requirement (BDB/BKE) applies; null: none. */
  @Column({ type: 'numeric', precision: 3, scale: 2, nullable: true, transformer: decimalTransformer })
  hboDidacticFteThreshold: number | null;

  @OneToMany(() => OrganisationLocation, (location) => location.organisation, { cascade: ['insert'] })
  locations?: OrganisationLocation[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
