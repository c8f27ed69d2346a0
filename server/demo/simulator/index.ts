/**
 * The Zoom traffic simulator: the one source of realistic webhook streams for the demo, the tests
 * and the benchmarks. It is pure: it produces webhook bodies with the times Zoom would deliver them,
 * and never posts anything or touches any state. Given a seed, it is deterministic (its own seeded
 * PRNG; absolute times move with `start`, nothing else does).
 *
 * Every stream is a list of `SimEvent { at, body, redelivery? }` in delivery order: `body` is the
 * webhook body exactly as Zoom would send it (serialise it with JSON.stringify and sign it), `at`
 * the delivery time in ms since epoch. What the bodies look like follows the webhook spec and the
 * real captures: see bodies.ts, participant.ts (identity rules, breakout moves) and world.ts (timing).
 *
 * Three ways in:
 *
 * 1. Endless traffic, for the demo (and sustained-load benchmarks):
 *      const traffic = new Traffic({ seed: 42, start: Date.now(), rate: 1 });
 *      traffic.advanceTo(Date.now());     // deliveries due by then; call again as time passes
 *      traffic.take(10_000);              // or: the next 10,000 deliveries, however long that takes
 *    Several meetings (`meetings`, default 5) and webinars (`webinars`, default 1) of several Zoom
 *    accounts (`accounts`, default 2) run at once; when one ends, another starts. `rate` makes every
 *    behaviour happen that many times as often. For a finite stream, `traffic.end()` has the hosts
 *    end everything, and `traffic.flush()` hands out the rest:
 *      const traffic = new Traffic({ seed: 7, meetings: 1, webinars: 0 });
 *      const events = traffic.take(200);
 *      traffic.end();
 *      events.push(...traffic.flush());        // and traffic.expected(): every meeting ended
 *
 * 2. Finite streams of a given shape, for tests and benchmarks (shapes.ts):
 *      crowd({ seed: 1, meetings: 1_000, participants: 50_000 })   // everyone joins and stays
 *      webinarStorm({ seed: 1, attendees: 10_000, withinMs: 60_000 })
 *    Each returns `{ events, expected }`.
 *
 * 3. Scripted stories, for tests that need exactly the events of a given story (scenario.ts):
 *      const story = new Scenario({ seed: 7, start: '2026-04-03T17:00:00Z' });
 *      const meeting = story.meeting({ topic: 'Design review', waitingRoom: true });
 *      const kim = meeting.join('김민준');            // a guest; { name, email } signs in, { name, phone } dials in
 *      story.wait(5_000);
 *      kim.admit();
 *      const [, room2] = meeting.openBreakoutRooms(2);
 *      story.wait(60_000);
 *      kim.moveTo(room2!);
 *      kim.share('desktop');
 *      story.wait(120_000);
 *      kim.leave();
 *      story.events();                                // the deliveries of exactly this story
 *    Actions happen at the story's clock (`wait(ms)`, `waitUntil(time)`); one person's consecutive
 *    actions are kept at least MIN_GAP_MS apart (Zoom's times have whole seconds), so a story needs
 *    no wait between them. `story.take()` hands out the deliveries not handed out yet, for tests
 *    that deliver a story step by step. With `exactTimes: true`, every event is stamped and
 *    delivered at the very time of its action (no Zoom delays), for tests that set event times,
 *    e.g. with a fake clock:
 *      const story = new Scenario({ seed: 3, start: clock.now(), exactTimes: true });
 *    The participant and meeting handles (SimParticipant, SimMeeting) are what the traffic uses too.
 *
 * What Zoom sends can be varied for the tests too: `redeliveryRate` (Traffic: deliveries made twice)
 * and `breakoutEvents` (Traffic and Scenario: the share of breakout room moves reported with their
 * breakout room events; the others arrive as a plain leave and join, as in the real captures).
 *
 * Expected state: `expected()` (on Traffic and Scenario, `expected` on shapes) tells where everyone
 * is once all deliveries handed out so far are applied (for Traffic, after `flush()`), as far as
 * the webhooks tell: who is present, where (main, breakout room, waiting room, waiting for the
 * host), with which role, who shares what, whether recording or live streaming is on.
 */
export { crowd, webinarStorm, type CrowdOptions, type FiniteStream, type WebinarStormOptions } from './shapes';
export { Scenario, type ScenarioOptions } from './scenario';
export { Traffic, type TrafficOptions } from './traffic';
export { World, DEFAULT_START, type MeetingSpec, type PersonSpec, type SimEvent, type WorldOptions } from './world';
export type { ExpectedMeeting, ExpectedParticipant, ExpectedShare } from './expected';
export type { BreakoutRoom, RiskAlertDetails, SimMeeting } from './meeting';
export { MIN_GAP_MS, type Role, type ShareContent, type SimParticipant } from './participant';
export type { ZoomBody } from './bodies';
export type { Identity, IdentityMix } from './identities';
