/**
 * Thresholds of the derived alert rules. They are environment variables like every other setting
 * (validated with the rest in server/config.ts, documented in README.md under "Alerts"); each
 * threshold is exceeded only when the value is strictly greater than it.
 */
import { z } from 'zod';
import { positiveNumber, positiveWholeNumber } from '../text-values';

export interface AlertConfig {
  /** more than `joins` people arriving within `windowMs` (event time) */
  joinStorm: { joins: number; windowMs: number };
  /** someone waiting longer than `waitMs`, or more than `queue` people waiting */
  waitingRoom: { waitMs: number; queue: number };
  /** more than `percent` of at least `minParticipants` people leaving within `windowMs` (event time) */
  massExodus: { percent: number; windowMs: number; minParticipants: number };
  /** the host gone for longer than this while the meeting runs */
  hostAbsentMs: number;
  /** a meeting running this much longer than its scheduled duration */
  overTimeMs: number;
  /** one person (account user id, else email, else name) rejoining more than `rejoins` times within `windowMs` */
  unstableParticipant: { rejoins: number; windowMs: number };
  /** alerts about something that happened (Zoom's quality alerts...) resolve after this long without a repeat */
  quietMs: number;
  /**
   * Hysteresis of the condition rules: an alert resolves only once its condition has been gone this
   * long; a condition back sooner is the same alert, counted, so toggling never floods.
   */
  clearMs: number;
  /** an alert whose condition came back this many times shows as flapping */
  flappingReturns: number;
  /** someone who may not share must have shared this long before the alert opens (short shares pass) */
  shareMs: number;
}

const percent = positiveNumber.refine((n) => n < 100, 'must be less than 100');

export const alertEnvShape = {
  ROOMWATCH_ALERT_JOIN_STORM_JOINS: positiveWholeNumber.default(20),
  ROOMWATCH_ALERT_JOIN_STORM_SECONDS: positiveNumber.default(30),
  ROOMWATCH_ALERT_WAITING_MINUTES: positiveNumber.default(5),
  ROOMWATCH_ALERT_WAITING_QUEUE: positiveWholeNumber.default(10),
  ROOMWATCH_ALERT_EXODUS_PERCENT: percent.default(50),
  ROOMWATCH_ALERT_EXODUS_SECONDS: positiveNumber.default(60),
  ROOMWATCH_ALERT_EXODUS_MIN_PARTICIPANTS: positiveWholeNumber.default(10),
  ROOMWATCH_ALERT_HOST_ABSENT_MINUTES: positiveNumber.default(5),
  ROOMWATCH_ALERT_OVER_TIME_MINUTES: positiveNumber.default(10),
  ROOMWATCH_ALERT_REJOINS: positiveWholeNumber.default(3),
  ROOMWATCH_ALERT_REJOIN_MINUTES: positiveNumber.default(10),
  ROOMWATCH_ALERT_QUIET_MINUTES: positiveNumber.default(15),
  ROOMWATCH_ALERT_CLEAR_SECONDS: positiveNumber.default(60),
  ROOMWATCH_ALERT_FLAPPING_RETURNS: positiveWholeNumber.default(3),
  ROOMWATCH_ALERT_SHARE_SECONDS: positiveNumber.default(15),
};

const alertEnv = z.object(alertEnvShape);
type AlertEnv = z.output<typeof alertEnv>;

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export function alertConfigFrom(env: AlertEnv): AlertConfig {
  return {
    joinStorm: {
      joins: env.ROOMWATCH_ALERT_JOIN_STORM_JOINS,
      windowMs: env.ROOMWATCH_ALERT_JOIN_STORM_SECONDS * SECOND,
    },
    waitingRoom: { waitMs: env.ROOMWATCH_ALERT_WAITING_MINUTES * MINUTE, queue: env.ROOMWATCH_ALERT_WAITING_QUEUE },
    massExodus: {
      percent: env.ROOMWATCH_ALERT_EXODUS_PERCENT,
      windowMs: env.ROOMWATCH_ALERT_EXODUS_SECONDS * SECOND,
      minParticipants: env.ROOMWATCH_ALERT_EXODUS_MIN_PARTICIPANTS,
    },
    hostAbsentMs: env.ROOMWATCH_ALERT_HOST_ABSENT_MINUTES * MINUTE,
    overTimeMs: env.ROOMWATCH_ALERT_OVER_TIME_MINUTES * MINUTE,
    unstableParticipant: {
      rejoins: env.ROOMWATCH_ALERT_REJOINS,
      windowMs: env.ROOMWATCH_ALERT_REJOIN_MINUTES * MINUTE,
    },
    quietMs: env.ROOMWATCH_ALERT_QUIET_MINUTES * MINUTE,
    clearMs: env.ROOMWATCH_ALERT_CLEAR_SECONDS * SECOND,
    flappingReturns: env.ROOMWATCH_ALERT_FLAPPING_RETURNS,
    shareMs: env.ROOMWATCH_ALERT_SHARE_SECONDS * SECOND,
  };
}

export const DEFAULT_ALERT_CONFIG: AlertConfig = alertConfigFrom(alertEnv.parse({}));
