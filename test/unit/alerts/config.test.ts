import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_CONFIG } from '../../../server/alerts/config';
import { ConfigError, loadConfig } from '../../../server/config';

const base = { ZOOM_WEBHOOK_SECRET_TOKEN: 'secret-token-1' };

describe('alert thresholds from the environment', () => {
  it('defaults to the documented thresholds', () => {
    expect(loadConfig(base).alerts).toEqual({
      joinStorm: { joins: 20, windowMs: 30_000 },
      waitingRoom: { waitMs: 5 * 60_000, queue: 10 },
      massExodus: { percent: 50, windowMs: 60_000, minParticipants: 10 },
      hostAbsentMs: 5 * 60_000,
      overTimeMs: 10 * 60_000,
      unstableParticipant: { rejoins: 3, windowMs: 10 * 60_000 },
      quietMs: 15 * 60_000,
      clearMs: 60_000,
      flappingReturns: 3,
      shareMs: 15_000,
    });
    expect(DEFAULT_ALERT_CONFIG).toEqual(loadConfig(base).alerts);
  });

  it('reads every threshold', () => {
    const alerts = loadConfig({
      ...base,
      ROOMWATCH_ALERT_JOIN_STORM_JOINS: '50',
      ROOMWATCH_ALERT_JOIN_STORM_SECONDS: '60',
      ROOMWATCH_ALERT_WAITING_MINUTES: '2.5',
      ROOMWATCH_ALERT_WAITING_QUEUE: '25',
      ROOMWATCH_ALERT_EXODUS_PERCENT: '40',
      ROOMWATCH_ALERT_EXODUS_SECONDS: '90',
      ROOMWATCH_ALERT_EXODUS_MIN_PARTICIPANTS: '30',
      ROOMWATCH_ALERT_HOST_ABSENT_MINUTES: '3',
      ROOMWATCH_ALERT_OVER_TIME_MINUTES: '15',
      ROOMWATCH_ALERT_REJOINS: '5',
      ROOMWATCH_ALERT_REJOIN_MINUTES: '20',
      ROOMWATCH_ALERT_QUIET_MINUTES: '30',
      ROOMWATCH_ALERT_CLEAR_SECONDS: '90',
      ROOMWATCH_ALERT_FLAPPING_RETURNS: '5',
      ROOMWATCH_ALERT_SHARE_SECONDS: '2.5',
    }).alerts;
    expect(alerts).toEqual({
      joinStorm: { joins: 50, windowMs: 60_000 },
      waitingRoom: { waitMs: 150_000, queue: 25 },
      massExodus: { percent: 40, windowMs: 90_000, minParticipants: 30 },
      hostAbsentMs: 180_000,
      overTimeMs: 900_000,
      unstableParticipant: { rejoins: 5, windowMs: 1_200_000 },
      quietMs: 1_800_000,
      clearMs: 90_000,
      flappingReturns: 5,
      shareMs: 2_500,
    });
  });

  it.each([
    [
      'ROOMWATCH_ALERT_JOIN_STORM_JOINS',
      'twenty',
      'ROOMWATCH_ALERT_JOIN_STORM_JOINS must be a whole number (got "twenty")',
    ],
    ['ROOMWATCH_ALERT_WAITING_QUEUE', '2.5', 'ROOMWATCH_ALERT_WAITING_QUEUE must be a whole number (got "2.5")'],
    ['ROOMWATCH_ALERT_REJOINS', '0', 'ROOMWATCH_ALERT_REJOINS must be at least 1 (got "0")'],
    ['ROOMWATCH_ALERT_WAITING_MINUTES', '-5', 'ROOMWATCH_ALERT_WAITING_MINUTES must be a positive number (got "-5")'],
    ['ROOMWATCH_ALERT_QUIET_MINUTES', '0', 'ROOMWATCH_ALERT_QUIET_MINUTES must be greater than 0 (got "0")'],
    ['ROOMWATCH_ALERT_EXODUS_PERCENT', '100', 'ROOMWATCH_ALERT_EXODUS_PERCENT must be less than 100 (got "100")'],
    ['ROOMWATCH_ALERT_FLAPPING_RETURNS', '0', 'ROOMWATCH_ALERT_FLAPPING_RETURNS must be at least 1 (got "0")'],
    ['ROOMWATCH_ALERT_CLEAR_SECONDS', '0', 'ROOMWATCH_ALERT_CLEAR_SECONDS must be greater than 0 (got "0")'],
    ['ROOMWATCH_ALERT_EXODUS_SECONDS', '1m', 'ROOMWATCH_ALERT_EXODUS_SECONDS must be a positive number (got "1m")'],
  ])('refuses %s=%s with one clear line', (name, value, message) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(new ConfigError(message));
  });
});
