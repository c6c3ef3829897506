import { test } from 'node:test';
import { checkRule } from './ruleTester';

const head = (list: string) => `let RMMTools = dynamic([${list}]);\nDeviceProcessEvents\n| where FileName in~ (RMMTools)\n`;

test('term-match-pitfall', () => {
  checkRule('term-match-pitfall', {
    valid: [
      head('"anydesk.exe", "rustdesk.exe"') + '| extend Family = case(FileName has "anydesk", "AnyDesk", FileName has "rustdesk", "RustDesk", "Other")',
      // Not an RMM detection: `has "net"` is not checked against the catalog.
      'DeviceProcessEvents | where FileName has "net" | extend K = case(FileName has "net", "Net", FileName has "sc", "Sc", "Other")',
    ],
    invalid: [
      {
        code: head('"supremo.exe", "supremoservice.exe"') + '| extend Family = case(FileName has ⟦"supremo"⟧, "Supremo", FileName has "anydesk", "AnyDesk", "Other")',
        messageId: 'notWholeTerm',
        messageIncludes: "has matches whole terms only, so 'supremo' never matches supremoservice.exe",
        output: head('"supremo.exe", "supremoservice.exe"') + '| extend Family = case(FileName hasprefix "supremo", "Supremo", FileName has "anydesk", "AnyDesk", "Other")',
      },
      {
        code: head('"winvnc.exe", "vncviewer.exe"') + '| extend Family = case(FileName has_any (⟦"vnc"⟧, "winvnc"), "VNC", FileName has "anydesk", "AnyDesk", "Other")',
        messageId: 'notWholeTerm',
        output: head('"winvnc.exe", "vncviewer.exe"') + '| extend Family = case((FileName has_any ("winvnc") or FileName contains "vnc"), "VNC", FileName has "anydesk", "AnyDesk", "Other")',
      },
      {
        code: head('"winvnc.exe", "vncviewer.exe"') + '| extend Family = case(FileName has_any (⟦"vnc"⟧, "winvnc"), "VNC", FileName has "anydesk", "AnyDesk", "Other")',
        messageId: 'notWholeTerm',
        fixTitle: /^Add the whole names/,
        // The names meant: the list's entries and the binaries of the family they belong to (UltraVNC).
        output: head('"winvnc.exe", "vncviewer.exe"') + '| extend Family = case(FileName has_any ("vnc", "vncviewer.exe", "uvnc_launch.exe", "winvnc"), "VNC", FileName has "anydesk", "AnyDesk", "Other")',
      },
    ],
  });
});
