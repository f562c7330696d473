import type { Random } from './random.js'

/**
 * Background lines in the shapes real Windows and server logs have, written
 * for this benchmark. They are full of the things that make a sloppy matcher
 * fire: timestamps, GUIDs, other HRESULTs, hex handles, long block ids.
 */
const pad = (n: number, w = 2): string => String(n).padStart(w, '0')
const HOSTS = ['web-02', 'app-04', 'sql-01', 'dc-01', 'build-agent-07', 'mgmt-01', 'hdfs-dn-3']
const PATHS = ['/api/orders', '/api/customers', '/health', '/static/app.js', '/login', '/adfs/ls']

export type BackgroundSource = (r: Random, t: Date) => string

export function iso (t: Date): string { return t.toISOString() }
export function plain (t: Date): string {
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`
}
function syslog (t: Date): string {
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][t.getUTCMonth()]
  return `${mon} ${String(t.getUTCDate()).padStart(2, ' ')} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`
}
const guid = (r: Random): string => `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-a${r.hex(3)}-${r.hex(12)}`
const ip = (r: Random): string => `10.${r.int(256)}.${r.int(256)}.${r.int(256)}`

export const BACKGROUND: ReadonlyArray<readonly [BackgroundSource, number]> = [
  // Windows servicing log: other facilities' HRESULTs and hex everywhere. (Random
  // values never start with 0 or 8, so they cannot spell an SSPI value by chance.)
  [(r, t) => `${plain(t)}, Info                  CBS    Exec: Processing package Package_for_KB${r.digits(7)}~31bf3856ad364e35~amd64~~6.1.1.${r.int(9)}, state: 0x${1 + r.int(7)}${r.hex(7)}`, 3],
  [(r, t) => `${plain(t)}, Info                  CBS    Failed to get session package state [HRESULT = 0x${r.pick(['800f0805', '800f080d', '80070002', '80004005'])} - CBS_E_INVALID_PACKAGE]`, 1],
  [(r, t) => `${plain(t)}, Info                  CSI    0000${r.hex(4)}@${r.int(2026)}/${1 + r.int(12)}/${1 + r.int(28)}:${pad(r.int(24))}:${pad(r.int(60))}:${pad(r.int(60))}.${r.digits(3)} WcpInitialize (wcp.dll version 0.0.0.6) called (stack @0x7fef${r.hex(7)} @0x7fe${r.hex(7)})`, 2],
  // IIS W3C access log.
  [(r, t) => `${plain(t)} ${ip(r)} GET ${r.pick(PATHS)}/${r.int(100000)} - 443 CORP\\svc_web ${ip(r)} Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - ${r.pick([200, 200, 200, 304, 401, 404, 500])} 0 0 ${r.int(900)}`, 3],
  // .NET application log with correlation ids.
  [(r, t) => `${iso(t)} INFO  OrderService[${r.int(64)}] processed order ${r.digits(6)} in ${r.int(900)} ms (correlation ${guid(r)})`, 2],
  [(r, t) => `${iso(t)} WARN  HttpClient retry ${1 + r.int(3)}/3 for https://${r.pick(HOSTS)}.corp.example${r.pick(PATHS)} after ${r.int(5000)} ms`, 1],
  // sshd on a jump host.
  [(r, t) => `${syslog(t)} ${r.pick(HOSTS)} sshd[${r.int(30000)}]: Accepted publickey for deploy from ${ip(r)} port ${1024 + r.int(60000)} ssh2: RSA SHA256:${r.hex(43)}`, 2],
  [(r, t) => `${syslog(t)} ${r.pick(HOSTS)} sshd[${r.int(30000)}]: Failed password for invalid user admin from ${ip(r)} port ${1024 + r.int(60000)} ssh2`, 1],
  // Hadoop datanode: long negative block ids.
  [(r, t) => `${String(t.getUTCFullYear()).slice(2)}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())} ${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())} ${r.int(3000)} INFO dfs.DataNode$PacketResponder: Received block blk_-${r.digits(19)} of size ${r.digits(7)} from /${ip(r)}`, 1],
  // Apache error log.
  [(r, t) => `[${t.toUTCString().replace(' GMT', '')}] [error] [client ${ip(r)}] File does not exist: /var/www/html${r.pick(PATHS)}`, 1],
]
