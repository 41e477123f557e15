// The dashboard's service worker: it only shows Web Push notifications and opens the event when one is
// tapped. It caches nothing (the dashboard is live or it is nothing). Plain JavaScript, served as is.

const words = {
  en: { motion: 'Motion', seen: '{label} seen', labels: {} },
  ko: {
    motion: '움직임',
    seen: '{label} 감지',
    labels: {
      person: '사람',
      cat: '고양이',
      dog: '개',
      bird: '새',
      car: '자동차',
      bicycle: '자전거',
      motorcycle: '오토바이',
    },
  },
};

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** The body in the phone's language: "Person seen, 14:03" or "Motion, 14:03". */
function body(payload) {
  const lang = (self.navigator.language || 'en').toLowerCase().startsWith('ko') ? 'ko' : 'en';
  const dict = words[lang];
  const time = new Date(payload.ts * 1000).toLocaleTimeString(self.navigator.language, {
    hour: '2-digit',
    minute: '2-digit',
  });
  if (!payload.label) return `${dict.motion}, ${time}`;
  const name = dict.labels[payload.label] || payload.label[0].toUpperCase() + payload.label.slice(1);
  return `${dict.seen.replace('{label}', name)}, ${time}`;
}

self.addEventListener('push', (event) => {
  let payload;
  try {
    payload = event.data.json();
  } catch {
    payload = { title: 'Motion Kiosk', body: event.data ? event.data.text() : '', ts: Date.now() / 1000 };
  }
  const scope = self.registration.scope;
  const options = {
    body: typeof payload.eventId === 'number' ? body(payload) : payload.body,
    icon: new URL('icon-192.png', scope).href,
    image: payload.image ? new URL(payload.image, scope).href : undefined,
    tag: typeof payload.eventId === 'number' ? `motion-${payload.eventId}` : undefined,
    timestamp: payload.ts * 1000,
    data: { url: new URL(payload.url || './', scope).href },
  };
  event.waitUntil(self.registration.showNotification(payload.title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data?.url || self.registration.scope;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) return open.navigate(url).then((w) => (w || open).focus());
      return self.clients.openWindow(url);
    }),
  );
});
