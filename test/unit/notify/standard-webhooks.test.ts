import { describe, expect, it } from 'vitest';
import { channelInputSchema } from '../../../shared/notifications';
import { generateSecret, sign, signedHeaders } from '../../../server/notify/standard-webhooks';

describe('Standard Webhooks signing', () => {
  it('reproduces the specification test vector', () => {
    expect(
      sign(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('gives the three headers, the signature over id, timestamp and body', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    expect(signedHeaders(secret, 'msg_1', 1700000000, '{}')).toEqual({
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1700000000',
      'webhook-signature': sign(secret, 'msg_1', 1700000000, '{}'),
    });
    expect(sign(secret, 'msg_1', 1700000000, '{}')).not.toBe(sign(secret, 'msg_2', 1700000000, '{}'));
    expect(sign(secret, 'msg_1', 1700000000, '{}')).not.toBe(sign(secret, 'msg_1', 1700000001, '{}'));
  });

  it('generates distinct secrets of 32 random bytes that channels accept', () => {
    const a = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(generateSecret()).not.toBe(a);
    const input = { type: 'webhook', name: 'x', url: 'https://a.example', secret: a };
    expect(channelInputSchema.parse(input)).toMatchObject({ secret: a });
  });
});
