/**
 * Random but realistic meeting stories for property tests: people join, wait and get admitted, move
 * through breakout rooms, share, change roles, reconnect, drop without a leave; recording and live
 * streaming toggle; the meeting may end. Every step is something Zoom could really send next.
 */
import { MeetingScript, type Person } from './meeting-script';
import { NAMES, meetingUuid, rng } from './realistic-events';

type Where = 'absent' | 'main' | 'waiting' | 'jbh' | { room: string };

export function randomStory(
  seed: number,
  options: { people?: number; steps?: number; end?: boolean } = {},
): MeetingScript {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const script = new MeetingScript({ uuid: meetingUuid(random) });
  const rooms = [meetingUuid(random), meetingUuid(random), meetingUuid(random)];
  const people: { person: Person; where: Where; sharing: boolean }[] = [];
  const count = options.people ?? 6;
  for (let i = 0; i < count; i++) {
    const name = `${pick(NAMES)} ${i}`;
    people.push({
      person: script.person(name, { signedIn: random() < 0.3, host: i === 0 }),
      where: 'absent',
      sharing: false,
    });
  }
  let t = 0;
  script.started(t);
  const steps = options.steps ?? 60;
  for (let step = 0; step < steps; step++) {
    t += random() < 0.2 ? 0 : 1 + Math.floor(random() * 30);
    if (random() < 0.08) {
      script.recording(pick(['started', 'stopped', 'paused', 'resumed'] as const), t);
      continue;
    }
    if (random() < 0.04) {
      script.liveStreaming(random() < 0.5, t);
      continue;
    }
    const entry = pick(people);
    const { person } = entry;
    const where = entry.where;
    const roll = random();
    if (where === 'absent') {
      if (roll < 0.6) script.join(person, t);
      else if (roll < 0.85) {
        script.enterWaitingRoom(person, t);
        entry.where = 'waiting';
        continue;
      } else {
        script.jbhWaiting(person, t);
        entry.where = 'jbh';
        continue;
      }
      entry.where = 'main';
    } else if (where === 'waiting') {
      if (roll < 0.75) {
        script.admit(person, t);
        entry.where = 'main';
      } else {
        script.leaveWaitingRoom(person, t);
        entry.where = 'absent';
      }
    } else if (where === 'jbh') {
      script.jbhWaitingLeft(person, t);
      script.join(person, t);
      entry.where = 'main';
    } else if (where === 'main') {
      if (roll < 0.2) {
        const room = pick(rooms);
        const explicit = random() < 0.8;
        script.moveToBreakout(person, room, t, { explicit });
        entry.where = { room: explicit ? room : 'unnamed' };
        entry.sharing = false;
      } else if (roll < 0.35) {
        script.share(person, !entry.sharing, t, pick(['desktop', 'application', 'whiteboard']));
        entry.sharing = !entry.sharing;
      } else if (roll < 0.45) {
        script.role(person, 'attendee', pick(['co-host', 'attendee', 'host']), t);
      } else if (roll < 0.55) {
        script.putInWaitingRoom(person, t);
        entry.where = 'waiting';
        entry.sharing = false;
      } else if (roll < 0.65) {
        // reconnect: the old connection drops, the person comes back as a new participant_uuid
        script.leave(person, t, `${person.name} got disconnected from the meeting. Reason : Client Close.`);
        entry.person = { ...script.person(person.name), zoomUserId: person.zoomUserId };
        entry.where = 'absent';
        entry.sharing = false;
      } else if (roll < 0.7) {
        // dropped without any leave event: Zoom never tells
        entry.person = script.person(person.name);
        entry.where = 'absent';
      } else {
        script.leave(person, t);
        entry.where = 'absent';
        entry.sharing = false;
      }
    } else {
      const room = where.room;
      if (room !== 'unnamed' && roll < 0.3) {
        script.share(person, !entry.sharing, t, 'application', room);
        entry.sharing = !entry.sharing;
      } else if (roll < 0.7) {
        if (room === 'unnamed') {
          script.leave(
            person,
            t,
            `${person.name} left the meeting. Reason : left the meeting leave breakout room to join main meeting`,
          );
          script.join(person, t);
        } else script.returnToMain(person, room, t);
        entry.where = 'main';
        entry.sharing = false;
      } else {
        script.leave(person, t, `${person.name} left the meeting. Reason : left the meeting`);
        entry.where = 'absent';
        entry.sharing = false;
      }
    }
  }
  if (options.end ?? random() < 0.5) {
    for (const entry of people)
      if (entry.where !== 'absent') script.leave(entry.person, t + 5, 'Host ended the meeting.');
    script.ended(t + 6);
  }
  return script;
}
