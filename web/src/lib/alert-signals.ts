/**
 * What a pop-up does besides showing: a short tone for critical alerts, and the browser's desktop
 * notification while the tab is hidden, as the user's settings say.
 */
import type { AlertSettings } from '../../../shared/alert-settings';
import type { AlertView } from '../../../shared/alerts';

let audio: AudioContext | undefined;

/** two short beeps, made on the spot: no sound file to load */
function tone(): void {
  audio ??= new AudioContext();
  const start = audio.currentTime;
  for (const offset of [0, 0.22]) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.18);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.18);
  }
}

export function signal(alert: AlertView, settings: AlertSettings): void {
  if (settings.sound && alert.severity === 'critical') tone();
  if (settings.desktop && document.hidden && 'Notification' in window && Notification.permission === 'granted') {
    const notice = new Notification(`${alert.severity === 'critical' ? 'Critical: ' : ''}${alert.title}`, {
      body: alert.meetingTopic ?? 'A meeting',
      tag: `roomwatch-alert-${alert.id}`,
    });
    notice.onclick = () => {
      window.focus();
      location.hash = `#/meetings/${encodeURIComponent(alert.meetingUuid)}`;
    };
  }
}
