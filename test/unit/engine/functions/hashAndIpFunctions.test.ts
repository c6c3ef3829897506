// Expected values from Microsoft's KQL reference examples (CC BY 4.0); case ids name the example.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { xxhash64 } from '../../../../server/src/engine/functions/hashFunctions';
import { check, dt, dyn, nullOf, UNSUPPORTED } from './harness';

test('xxHash64 matches the reference vectors', () => {
  assert.equal(xxhash64(Buffer.from('')), 0xef46db3751d8e999n);
  assert.equal(xxhash64(Buffer.from('Nobody inspects the spammish repetition')), 0xfbcea83c8a378bf1n);
});

test('hashes (hash-*-function examples)', () => {
  check([
    ['hash_sha256', ['World'], '78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524'],
    ['hash_sha256', [dt('2020-01-01')], 'ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d'],
    ['hash_md5', ['World'], 'f5a7924e621e84c9280a9a27e1bcb7f6'],
    ['hash_md5', [dt('2020-01-01')], '786c530672d1f8db31fee25ea8a9390b'],
    ['hash_sha1', ['World'], '70c07ec18ef89c5309bbb0937f3a6342411e1fdd'],
    ['hash_sha1', [dt('2020-01-01')], 'e903e533f4d636b4fc0dcf3cf81e7b7f330de776'],
    ['hash', ['World'], Number(1846988464401551951n), 'long'],
    ['hash', ['Hello'], Number(753694413698530628n), 'long'],
    ['hash', ['World', 100], 51, 'long'],
    ['hash_xxhash64', [dt('2015-01-01')], Number(1380966698541616202n), 'long'],
    ['hash', [42], UNSUPPORTED, 'long'],
    ['hash_sha256', [nullOf('datetime')], null],
  ]);
});

test('IPv4 parsing, ranges and matching (ipv4-* and parse-ipv4 examples)', () => {
  check([
    ['parse_ipv4', ['192.168.1.1'], 3232235777, 'long'],
    ['parse_ipv4', ['192.168.1.1/24'], 3232235776, 'long'],
    ['parse_ipv4', ['255.255.255.255/31'], 4294967294, 'long'],
    ['parse_ipv4', ['127.0.0.256'], null, 'long'],
    ['parse_ipv4', ['not an ip'], null, 'long'],
    ['parse_ipv4_mask', ['10.20.30.40', 24], 169090560, 'long'],
    ['ipv4_is_private', ['10.1.2.3'], true, 'bool'],
    ['ipv4_is_private', ['192.168.1.1/24'], true, 'bool'],
    ['ipv4_is_private', ['127.0.0.1'], false, 'bool'],
    ['ipv4_is_private', ['172.31.255.1'], true, 'bool'],
    ['ipv4_is_private', ['172.32.0.1'], false, 'bool'],
    ['ipv4_is_private', ['x'], null, 'bool'],
    ['ipv4_is_in_range', ['192.168.1.1', '192.168.1.255/24'], true, 'bool'],
    ['ipv4_is_in_range', ['192.168.2.1', '192.168.1.255/24'], false, 'bool'],
    ['ipv4_is_in_any_range', ['192.168.1.6', '192.168.1.1/24', '10.0.0.1/8', '127.1.0.1/16'], true, 'bool'],
    ['ipv4_is_in_any_range', ['127.0.0.1', dyn(['127.0.0.1', '192.168.1.1'])], true, 'bool'],
    ['ipv4_is_in_any_range', ['123.1.11.21', dyn(['192.168.1.1/16', '127.0.0.1/8', '10.0.0.1/8'])], false, 'bool'],
    ['ipv4_is_match', ['192.168.1.1/24', '192.168.1.255'], true, 'bool'],
    ['ipv4_is_match', ['192.168.1.1', '192.168.1.255/24'], true, 'bool'],
    ['ipv4_is_match', ['192.168.1.1/30', '192.168.1.255/24'], true, 'bool'],
    ['ipv4_is_match', ['192.168.1.1', '192.168.1.0', 31], true, 'bool'],
    ['ipv4_is_match', ['192.168.1.1', '192.168.1.255', 24], true, 'bool'],
    ['ipv4_is_match', ['192.168.1.1', '192.168.1.255'], false, 'bool'],
    ['ipv4_compare', ['127.0.0.1', '127.0.0.2'], -1, 'long'],
    ['ipv4_compare', ['127.0.0.1/24', '127.0.0.2'], 0, 'long'],
    ['ipv4_netmask_suffix', ['10.1.2.3'], 32, 'long'],
    ['ipv4_netmask_suffix', ['192.168.1.1/24'], 24, 'long'],
    ['format_ipv4', ['192.168.1.1', 24], '192.168.1.0'], // format-ipv4-function#1
    ['format_ipv4', ['192.168.1.1', 32], '192.168.1.1'],
    ['format_ipv4', ['192.168.1.1/24', 32], '192.168.1.0'],
    ['format_ipv4', ['192.168.1.1/24', -1], ''],
    ['format_ipv4', [3232235777], '192.168.1.1'],
    ['format_ipv4_mask', ['192.168.1.1', 24], '192.168.1.0/24'],
    ['format_ipv4_mask', ['192.168.1.1/24', 32], '192.168.1.0/24'],
    ['format_ipv4_mask', ['192.168.1.1/24', -1], ''],
  ]);
});

test('IPv4 addresses in text (has-*ipv4* examples)', () => {
  const line = '05:04:54 127.0.0.1 GET /favicon.ico 404';
  check([
    ['has_ipv4', [line, '127.0.0.1'], true, 'bool'],
    ['has_ipv4', ['05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.0.256'], false, 'bool'],
    ['has_ipv4', ['05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1'], false, 'bool'],
    ['has_ipv4_prefix', [line, '127.0.'], true, 'bool'],
    ['has_ipv4_prefix', [line, '127.0'], false, 'bool'],
    ['has_ipv4_prefix', ['05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.'], false, 'bool'],
    ['has_ipv4_prefix', ['05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.'], false, 'bool'],
    ['has_any_ipv4', [line, '127.0.0.1', '127.0.0.2'], true, 'bool'],
    ['has_any_ipv4', [line, dyn(['127.0.0.1', '127.0.0.2'])], true, 'bool'],
    ['has_any_ipv4', ['05:04:54 127.0.0.256 GET /favicon.ico 404', dyn(['127.0.0.256', '192.168.1.1'])], false, 'bool'],
    ['has_any_ipv4', ['05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1', '192.168.1.1'], false, 'bool'],
    ['has_any_ipv4_prefix', [line, dyn(['127.0.', '192.168.'])], true, 'bool'],
    ['has_any_ipv4_prefix', [line, '127.0'], false, 'bool'],
    ['has_any_ipv4_prefix', ['05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.', '192.'], false, 'bool'],
  ]);
});

test('IPv6, with IPv4 read as IPv4-mapped addresses (ipv6-* and parse-ipv6* examples)', () => {
  const pairs: [string, string][] = [
    ['192.168.1.1', '192.168.1.1'],
    ['192.168.1.1/24', '192.168.1.255'],
    ['192.168.1.1', '192.168.1.255/24'],
    ['192.168.1.1/30', '192.168.1.255/24'],
    ['fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7994'],
    ['fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998'],
    ['fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7998/120'],
    ['fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998/120'],
    ['192.168.1.1', '::ffff:c0a8:0101'],
    ['192.168.1.1/24', '::ffff:c0a8:01ff'],
    ['::ffff:c0a8:0101', '192.168.1.255/24'],
    ['::192.168.1.1/30', '192.168.1.255/24'],
  ];
  // ipv6-compare-function#1 and ipv6-is-match-function#1
  check(pairs.flatMap(([a, b]): [string, string[], boolean | number, 'bool' | 'long'][] => [['ipv6_compare', [a, b], 0, 'long'], ['ipv6_is_match', [a, b], true, 'bool']]));
  const withPrefix: [string, string, number][] = [
    ['192.168.1.1', '192.168.1.0', 31],
    ['192.168.1.1/24', '192.168.1.255', 31],
    ['192.168.1.1', '192.168.1.255', 24],
    ['fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995', 127],
    ['fe80::85d:e82c:9446:7994/127', 'fe80::85d:e82c:9446:7998', 120],
    ['fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998', 127],
    ['192.168.1.1/24', '::ffff:c0a8:01ff', 127],
    ['::ffff:c0a8:0101', '192.168.1.255', 120],
    ['::192.168.1.1/30', '192.168.1.255/24', 127],
  ];
  // ipv6-compare-function#2 and ipv6-is-match-function#2
  check(withPrefix.flatMap(([a, b, p]): [string, (string | number)[], boolean | number, 'bool' | 'long'][] => [['ipv6_compare', [a, b, p], 0, 'long'], ['ipv6_is_match', [a, b, p], true, 'bool']]));
  check([
    ['ipv6_compare', ['fe80::1', 'fe80::2'], -1, 'long'],
    ['ipv6_is_match', ['fe80::1', 'not an ip'], null, 'bool'],
    // parse-ipv6-function#1
    ['parse_ipv6', ['192.168.255.255'], '0000:0000:0000:0000:0000:ffff:c0a8:ffff'],
    ['parse_ipv6', ['192.168.255.255/24'], '0000:0000:0000:0000:0000:ffff:c0a8:ff00'],
    ['parse_ipv6', ['255.255.255.255'], '0000:0000:0000:0000:0000:ffff:ffff:ffff'],
    ['parse_ipv6', ['1:::2'], ''],
    // parse-ipv6-mask-function#1
    ['parse_ipv6_mask', ['192.168.255.255', 120], '0000:0000:0000:0000:0000:ffff:c0a8:ff00'],
    ['parse_ipv6_mask', ['192.168.255.255/24', 124], '0000:0000:0000:0000:0000:ffff:c0a8:ff00'],
    ['parse_ipv6_mask', ['255.255.255.255', 128], '0000:0000:0000:0000:0000:ffff:ffff:ffff'],
    ['parse_ipv6_mask', ['fe80::85d:e82c:9446:7994', 128], 'fe80:0000:0000:0000:085d:e82c:9446:7994'],
    ['parse_ipv6_mask', ['fe80::85d:e82c:9446:7994/120', 124], 'fe80:0000:0000:0000:085d:e82c:9446:7900'],
    ['parse_ipv6_mask', ['::192.168.255.255', 128], '0000:0000:0000:0000:0000:ffff:c0a8:ffff'],
    ['parse_ipv6_mask', ['::192.168.255.255/24', 128], '0000:0000:0000:0000:0000:ffff:c0a8:ff00'],
    // ipv6-is-in-range-function#1 and ipv6-is-in-any-range-function#1
    ['ipv6_is_in_range', ['a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', 'a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112'], true, 'bool'],
    ['ipv6_is_in_range', ['a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', 'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd'], true, 'bool'],
    ['ipv6_is_in_range', ['a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', '0:0:0:0:0:ffff:c0a8:ac/60'], false, 'bool'],
    ['ipv6_is_in_any_range', ['a5e:f127:8a9d:146d:e102:b5d3:c755:abce', dyn(['a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112', '0:0:0:0:0:ffff:c0a8:ac/60'])], true, 'bool'],
    ['ipv6_is_in_any_range', ['a5e:f127:8a9d:146d:e102:b5d3:c756:abd1', dyn(['a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112', '0:0:0:0:0:ffff:c0a8:ac/60'])], false, 'bool'],
  ]);
});
