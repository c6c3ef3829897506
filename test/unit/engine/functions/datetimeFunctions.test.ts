// Expected values from Microsoft's KQL reference examples (CC BY 4.0); case ids name the example.
import { test } from 'node:test';
import { parseDateTime, parseTimespan } from '../../../../server/src/engine/values';
import { check, dt, int, nullOf, real, ts, UNSUPPORTED } from './harness';

const D = (text: string) => parseDateTime(text);
const T = (text: string) => parseTimespan(text);

test('bin, floor, bin_at', () => {
  check([
    ['bin', [real(4.5), 1], 4, 'real'], // bin-function#1
    ['bin', [ts('16d'), ts('7d')], T('14d'), 'timespan'], // bin-function#2
    ['bin', [dt('1970-05-11 13:45:07'), ts('1d')], D('1970-05-11'), 'datetime'], // bin-function#3
    ['bin', [dt('2017-05-17 10:20'), ts('7d')], D('2017-05-15'), 'datetime'], // weeks count from 0001-01-01, a Monday
    ['bin', [dt('1960-01-01 10:00'), ts('1h')], D('1960-01-01 10:00'), 'datetime'],
    ['bin', [dt('1960-01-01 10:30'), ts('1h')], D('1960-01-01 10:00'), 'datetime'],
    ['bin', [-7, 5], -10, 'long'],
    ['bin', [17, 5], 15, 'long'],
    ['bin', [17, 0], null, 'long'],
    ['bin', [nullOf('long'), 5], null, 'long'],
    ['floor', [real(7.5), real(2.5)], 7.5, 'real'],
    ['bin_at', [real(6.5), real(2.5), 7], 4.5, 'real'], // bin-at-function#1
    ['bin_at', [ts('1h'), ts('1d'), ts('12h')], T('-12h'), 'timespan'], // bin-at-function#2
    ['bin_at', [dt('2017-05-17 10:20'), ts('7d'), dt('2017-06-04')], D('2017-05-14'), 'datetime'], // bin-at-function#4
    ['bin_at', [dt('2018-02-23T16:14'), ts('1d'), dt('2018-02-24 15:14')], D('2018-02-23T15:14'), 'datetime'], // bin-at-function#5
  ]);
});

test('start and end of periods, with offsets', () => {
  const t = dt('2017-01-01 10:10:17');
  check([
    ['startofday', [t, -1], D('2016-12-31'), 'datetime'], // startofday-function#1
    ['startofday', [t], D('2017-01-01'), 'datetime'],
    ['startofday', [t, 1], D('2017-01-02'), 'datetime'],
    ['startofweek', [t, -1], D('2016-12-25'), 'datetime'], // startofweek-function#1
    ['startofweek', [t, 1], D('2017-01-08'), 'datetime'],
    ['startofweek', [dt('2025-06-13')], D('2025-06-08'), 'datetime'],
    ['startofmonth', [t, -1], D('2016-12-01'), 'datetime'], // startofmonth-function#1
    ['startofmonth', [t, 1], D('2017-02-01'), 'datetime'],
    ['startofyear', [t, -1], D('2016-01-01'), 'datetime'], // startofyear-function#1
    ['startofyear', [t, 1], D('2018-01-01'), 'datetime'],
    ['endofday', [t, -1], D('2016-12-31 23:59:59.9999999'), 'datetime'], // endofday-function#1
    ['endofday', [t, 1], D('2017-01-02 23:59:59.9999999'), 'datetime'],
    ['endofmonth', [t, -1], D('2016-12-31 23:59:59.9999999'), 'datetime'], // endofmonth-function#1
    ['endofmonth', [t], D('2017-01-31 23:59:59.9999999'), 'datetime'],
    ['endofmonth', [t, 1], D('2017-02-28 23:59:59.9999999'), 'datetime'],
    ['endofweek', [t, -1], D('2016-12-31 23:59:59.9999999'), 'datetime'], // endofweek-function#1
    ['endofweek', [t], D('2017-01-07 23:59:59.9999999'), 'datetime'],
    ['endofyear', [t], D('2017-12-31 23:59:59.9999999'), 'datetime'],
    ['startofday', [nullOf('datetime')], null, 'datetime'],
  ]);
});

test('calendar parts', () => {
  const t = dt('2017-10-30 01:02:03.7654321');
  check([
    ['dayofweek', [dt('1947-11-30 10:00:05')], T('0d'), 'timespan'], // day-of-week-function#1
    ['dayofweek', [dt('1970-05-11')], T('1d'), 'timespan'], // day-of-week-function#2
    ['dayofweek', [dt('1970-05-12')], T('2d'), 'timespan'], // day-of-week-function#3
    ['getyear', [dt('2015-10-12')], 2015, 'int'], // getyear-function#1
    ['monthofyear', [dt('2015-12-14')], 12, 'int'], // monthofyear-function#1
    ['getmonth', [dt('2015-12-14')], 12, 'int'],
    ['dayofmonth', [dt('2015-12-14')], 14, 'int'],
    ['dayofyear', [dt('2015-12-31')], 365, 'int'],
    ['dayofyear', [dt('2016-12-31')], 366, 'int'],
    ['hourofday', [dt('2015-12-14 18:54')], 18, 'int'],
    ['weekofyear', [dt('2015-12-14')], 51, 'int'],
    ['week_of_year', [dt('2021-01-01')], 53, 'int'],
    ['weekofyear', [dt('2018-12-31')], 1, 'int'],
    // datetime-part-function#1
    ['datetime_part', ['year', t], 2017, 'int'],
    ['datetime_part', ['quarter', t], 4, 'int'],
    ['datetime_part', ['month', t], 10, 'int'],
    ['datetime_part', ['week_of_year', t], 44, 'int'],
    ['datetime_part', ['day', t], 30, 'int'],
    ['datetime_part', ['dayOfYear', t], 303, 'int'],
    ['datetime_part', ['hour', t], 1, 'int'],
    ['datetime_part', ['minute', t], 2, 'int'],
    ['datetime_part', ['second', t], 3, 'int'],
    ['datetime_part', ['millisecond', t], 765, 'int'],
    ['datetime_part', ['microsecond', t], 765432, 'int'],
    ['datetime_part', ['nanosecond', t], 765432100, 'int'],
    ['datetime_part', ['fortnight', t], UNSUPPORTED, 'int'],
  ]);
});

test('datetime_add and datetime_diff', () => {
  const start = dt('2017-01-01');
  check([
    // datetime-add-function#1 and #2
    ['datetime_add', ['year', 1, start], D('2018-01-01'), 'datetime'],
    ['datetime_add', ['quarter', 1, start], D('2017-04-01'), 'datetime'],
    ['datetime_add', ['month', 1, start], D('2017-02-01'), 'datetime'],
    ['datetime_add', ['week', 1, start], D('2017-01-08'), 'datetime'],
    ['datetime_add', ['day', 1, start], D('2017-01-02'), 'datetime'],
    ['datetime_add', ['hour', 1, start], D('2017-01-01 01:00'), 'datetime'],
    ['datetime_add', ['minute', 1, start], D('2017-01-01 00:01'), 'datetime'],
    ['datetime_add', ['second', 1, start], D('2017-01-01 00:00:01'), 'datetime'],
    ['datetime_add', ['year', -5, start], D('2012-01-01'), 'datetime'],
    ['datetime_add', ['quarter', 12, start], D('2020-01-01'), 'datetime'],
    ['datetime_add', ['month', -15, start], D('2015-10-01'), 'datetime'],
    ['datetime_add', ['week', 100, start], D('2018-12-02'), 'datetime'],
    ['datetime_add', ['month', 1, dt('2017-01-31')], D('2017-02-28'), 'datetime'],
    ['datetime_add', ['Day', 8, dt('2025-06-06 23:59:59.9999999')], D('2025-06-14 23:59:59.9999999'), 'datetime'],
    // datetime-diff-function#1
    ['datetime_diff', ['year', dt('2017-01-01'), dt('2000-12-31')], 17, 'long'],
    ['datetime_diff', ['quarter', dt('2017-07-01'), dt('2017-03-30')], 2, 'long'],
    ['datetime_diff', ['month', dt('2017-01-01'), dt('2015-12-30')], 13, 'long'],
    ['datetime_diff', ['week', dt('2017-10-29 00:00'), dt('2017-09-30 23:59')], 5, 'long'],
    ['datetime_diff', ['day', dt('2017-10-29 00:00'), dt('2017-09-30 23:59')], 29, 'long'],
    ['datetime_diff', ['hour', dt('2017-10-31 01:00'), dt('2017-10-30 23:59')], 2, 'long'],
    ['datetime_diff', ['minute', dt('2017-10-30 23:05:01'), dt('2017-10-30 23:00:59')], 5, 'long'],
    ['datetime_diff', ['second', dt('2017-10-30 23:00:10.100'), dt('2017-10-30 23:00:00.900')], 10, 'long'],
    ['datetime_diff', ['millisecond', dt('2017-10-30 23:00:00.200100'), dt('2017-10-30 23:00:00.100900')], 100, 'long'],
    ['datetime_diff', ['microsecond', dt('2017-10-30 23:00:00.1009001'), dt('2017-10-30 23:00:00.1008009')], 100, 'long'],
    ['datetime_diff', ['nanosecond', dt('2017-10-30 23:00:00.0000000'), dt('2017-10-30 23:00:00.0000007')], -700, 'long'],
  ]);
});

test('construction and unix time', () => {
  check([
    ['make_datetime', [2017, 10, 1, 12, 11, real(0.1234567)], D('2017-10-01 12:11:00.1234567'), 'datetime'], // make-datetime-function#3
    ['make_datetime', [2017, 1, 1], D('2017-01-01'), 'datetime'],
    ['make_datetime', [2017, 2, 30], null, 'datetime'],
    ['make_timespan', [1, 12, 30, real(55.123)], T('1.12:30:55.123'), 'timespan'], // make-timespan-function#1
    ['make_timespan', [int(1), int(30)], T('01:30:00'), 'timespan'],
    ['unixtime_seconds_todatetime', [1546300800], D('2019-01-01'), 'datetime'], // unixtime-*-todatetime#1
    ['unixtime_milliseconds_todatetime', [1546300800000], D('2019-01-01'), 'datetime'],
    ['unixtime_microseconds_todatetime', [1546300800000000], D('2019-01-01'), 'datetime'],
    ['unixtime_nanoseconds_todatetime', [1546300800000000000], D('2019-01-01'), 'datetime'],
    ['unixtime_seconds_todatetime', [real(1.5)], D('1970-01-01 00:00:01.5'), 'datetime'],
  ]);
});

test('format_datetime and format_timespan', () => {
  const t = dt('2009-06-15 13:45:30.6170000');
  const span = ts('29.09:00:05.12345');
  check([
    ['format_datetime', [dt('2017-01-29 09:00:05'), 'yy-MM-dd [HH:mm:ss]'], '17-01-29 [09:00:05]'], // format-datetime-function#1
    ['format_datetime', [dt('2017-01-29 09:00:05'), 'yyyy-M-dd [H:mm:ss]'], '2017-1-29 [9:00:05]'], // #2
    ['format_datetime', [dt('2017-01-29 09:00:05'), 'yy-MM-dd [hh:mm:ss tt]'], '17-01-29 [09:00:05 AM]'], // #3
    ['format_datetime', [dt('0900-01-01'), 'y-yy-yyyy'], '0-00-0900'], // the y/yy/yyyy table
    ['format_datetime', [dt('2009-06-15 13:45:30.0001150'), 'FFFFFFF'], '000115'],
    ['format_datetime', [t, 'yyyy-MM-dd HH:mm:ss.fff'], '2009-06-15 13:45:30.617'],
    ['format_datetime', [t, 'd/M/y h:m:s tt'], '15/6/9 1:45:30 PM'],
    ['format_datetime', [t, 'ss.FFFF'], '30.617'],
    ['format_datetime', [dt('2009-06-15 13:45:30'), 'ss.FFF'], '30'],
    ['format_datetime', [t, 'ffffffff'], UNSUPPORTED],
    ['format_datetime', [t, 'MMM'], UNSUPPORTED],
    ['format_datetime', [t, 'yyyy|MM'], UNSUPPORTED],
    ['format_timespan', [span, 'dd.hh:mm:ss:FF'], '29.09:00:05:12'],
    ['format_timespan', [span, 'ddd.h:mm:ss [fffffff]'], '029.9:00:05 [1234500]'],
    ['format_timespan', [ts('-1h'), 'hh'], UNSUPPORTED],
  ]);
});

test('time zones (datetime-local-to-utc-function#2 across the 2022 spring-forward in Brussels)', () => {
  check([
    ['datetime_local_to_utc', [dt('2022-03-27 01:00'), 'Europe/Brussels'], D('2022-03-27 00:00'), 'datetime'],
    ['datetime_local_to_utc', [dt('2022-03-27 02:00'), 'Europe/Brussels'], D('2022-03-27 00:00'), 'datetime'],
    ['datetime_local_to_utc', [dt('2022-03-27 03:00'), 'Europe/Brussels'], D('2022-03-27 01:00'), 'datetime'],
    ['datetime_local_to_utc', [dt('2022-03-27 04:00'), 'Europe/Brussels'], D('2022-03-27 02:00'), 'datetime'],
    ['datetime_utc_to_local', [dt('2022-03-27 00:00'), 'Europe/Brussels'], D('2022-03-27 01:00'), 'datetime'],
    ['datetime_utc_to_local', [dt('2022-03-27 01:00'), 'Europe/Brussels'], D('2022-03-27 03:00'), 'datetime'],
    // datetime-utc-to-local-function#1: Pacific and Canberra 17 hours apart in July.
    ['datetime_utc_to_local', [dt('2022-07-11 22:18:48.4678620'), 'US/Pacific'], D('2022-07-11 15:18:48.4678620'), 'datetime'],
    ['datetime_utc_to_local', [dt('2022-07-11 22:18:48.4678620'), 'Australia/Canberra'], D('2022-07-12 08:18:48.4678620'), 'datetime'],
    ['datetime_local_to_utc', [dt('2022-10-30 02:30'), 'Europe/Brussels'], UNSUPPORTED, 'datetime'],
    ['datetime_utc_to_local', [dt('2022-01-01'), 'Mars/Olympus'], UNSUPPORTED, 'datetime'],
  ]);
});
