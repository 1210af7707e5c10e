import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Placement } from './placement.entity';

/**
 * A check-in of the werkplekbegeleider with the hybrid teacher (DOMAIN.md rule 11): one every six
 * weeks of a placement, made with its lessons; the school records when it took place.
 */
@Entity('supervisor_check_in')
@Unique('uq_supervisor_check_in_due', ['placementId', 'dueDate'])
export class SupervisorCheckIn {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @ManyToOne(() => Placement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'placement_id' })
  placement?: Placement;

  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  completedByUserId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  notes: string | null;
}
