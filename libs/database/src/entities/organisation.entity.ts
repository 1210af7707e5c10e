import {
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
import { Region } from './region.entity';
import { OrganisationLocation } from './organisation-location.entity';

/** A company, an MBO or HBO school, or a Hybride Techniekcentrum. */
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

  @OneToMany(() => OrganisationLocation, (location) => location.organisation, { cascade: ['insert'] })
  locations?: OrganisationLocation[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
