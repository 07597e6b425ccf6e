// CPU time the hypervisor gave to other guests ("steal"), from Linux's /proc/stat: on a shared
// virtual machine a run with steal is slower, and its two vCPUs may not run at once, whatever the
// code does. `stealMeter()` starts counting; its `share()` is the steal's share of the CPU time
// since then (0–1), or undefined where /proc/stat cannot be read.
import { readFileSync } from 'node:fs';

function cpuTimes() {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith('cpu '));
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is also in user)
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number);
    return { steal, total: user + nice + system + idle + iowait + irq + softirq + steal };
  } catch {
    return undefined;
  }
}

export function stealMeter() {
  const start = cpuTimes();
  return {
    share() {
      const now = cpuTimes();
      if (!start || !now || now.total === start.total) return undefined;
      return (now.steal - start.steal) / (now.total - start.total);
    },
  };
}

/** `, CPU steal 12%` for a report line, or nothing where it is not known. */
export function stealNote(meter) {
  const share = meter.share();
  return share === undefined ? '' : `, CPU steal ${Math.round(share * 100)}%`;
}
