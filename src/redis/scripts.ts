/**
 * The two Lua scripts of the shared limit, run by Redis atomically. The bucket is a token
 * bucket kept as GCRA (the generic cell rate algorithm): its key holds the theoretical arrival
 * time (TAT, ms of Redis's own clock) of the next request, so every process reads one clock.
 * The pause is a key of its own with a millisecond expiry. Both keys share the hash tag
 * `{key}`, so they live on one node of a cluster too.
 */

/** The Redis keys of the limit named `key`. */
export function redisKeys(key: string): { prefix: string; bucket: string; pause: string } {
  const prefix = `{${key}}`;
  return { prefix, bucket: `${prefix}:bucket`, pause: `${prefix}:pause` };
}

/**
 * The consume step, as rate-limiter-flexible's `customIncrTtlLuaScript`: it is called with
 * `KEYS[1]` = `{key}:bucket` and `ARGV` = points asked (1), the key's duration in seconds, and
 * the limiter's `points` and `duration`, which carry the bucket's burst and `burst / rate`
 * (s). It answers `{ consumed, ms }` as rate-limiter-flexible reads it: `consumed` above the
 * burst is a refusal and `ms` the wait before asking again; 1 is a grant. During a pause
 * (`{key}:pause` exists) it grants nothing: the token and the shared pause are one check.
 */
export const CONSUME_SCRIPT = `
local bucket = KEYS[1]
local burst = tonumber(ARGV[3])
local interval = tonumber(ARGV[4]) * 1000 / burst
local paused = redis.call('pttl', string.sub(bucket, 1, -7) .. 'pause')
if paused > 0 then return { burst + 1, paused } end
local time = redis.call('time')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local tat = math.max(tonumber(redis.call('get', bucket) or '0'), now)
local early = tat - now - (burst - 1) * interval
if early > 0 then return { burst + 1, math.ceil(early) } end
tat = tat + interval
redis.call('set', bucket, string.format('%.3f', tat), 'PX', math.ceil(tat - now))
return { 1, math.ceil(tat - now) }
`;

/**
 * The pause: `KEYS` = `{key}:pause`, `{key}:bucket`; `ARGV` = the pause in ms, the bucket's
 * interval in ms and its burst. It sets the pause key with that expiry unless a longer pause
 * holds, and empties the bucket so that, once the pause ends, one request goes and the next
 * ones follow at the rate (the API's own bucket is empty then).
 */
export const PAUSE_SCRIPT = `
local ms = tonumber(ARGV[1])
if redis.call('pttl', KEYS[1]) >= ms then return 0 end
redis.call('set', KEYS[1], '1', 'PX', ms)
local time = redis.call('time')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local tat = now + ms + (tonumber(ARGV[3]) - 1) * tonumber(ARGV[2])
if tonumber(redis.call('get', KEYS[2]) or '0') < tat then
  redis.call('set', KEYS[2], string.format('%.3f', tat), 'PX', math.ceil(tat - now))
end
return 1
`;
