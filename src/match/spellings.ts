import type { Rule } from '../rules/types.js'

/**
 * Names a code goes by in logs besides its own and its aliases': Samba
 * prints NTSTATUS values with an NT_ prefix (NT_STATUS_LOGON_FAILURE for
 * STATUS_LOGON_FAILURE, libcli/util/ntstatus_err_table.txt).
 */
export function otherSpellings (rule: Rule): string[] {
  return rule.kind === 'ntstatus' && rule.name.startsWith('STATUS_') ? [`NT_${rule.name}`] : []
}
