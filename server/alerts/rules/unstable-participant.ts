import type { AppliedEvent } from '../../ingest/ingest';
import type { AlertConfig } from '../config';
import type { Finding } from '../kinds';
import { burstIn, type Burst } from './burst';
import { arrivalOf, personOf } from './presence-events';
import type { EventRule } from './rule';

/** One person (account user id, else email, else name) rejoining more than N times within M minutes. */
export class UnstableParticipantRule implements EventRule {
  /** meeting uuid -> person -> their arrivals */
  private readonly people = new Map<string, Map<string, Burst>>();

  constructor(private readonly config: AlertConfig['unstableParticipant']) {}

  onEvent(event: AppliedEvent): Finding[] {
    const uuid = event.meetingUuid;
    const record = arrivalOf(event);
    const person = record === null ? null : personOf(record);
    if (uuid === null || record === null || person === null) return [];
    let people = this.people.get(uuid);
    if (!people) this.people.set(uuid, (people = new Map()));
    const burst = burstIn(people, person, this.config.windowMs);
    const rejoins = burst.add(event.eventTs) - 1;
    if (!burst.rises(rejoins > this.config.rejoins)) return [];
    const details = {
      name: record.name?.value ?? 'Unknown participant',
      email: record.email?.value ?? null,
      rejoins,
      windowMinutes: this.config.windowMs / 60_000,
    };
    return [{ kind: 'unstable_participant', subject: person, details }];
  }

  forget(meetingUuid: string): void {
    this.people.delete(meetingUuid);
  }
}
