// The VM console page (issue 13): noVNC's RFB client on the console WebSocket whose path (with its one-time ticket)
// the page carries in data-path. The screen's state goes to data-state (connecting, connected, disconnected) for
// people (the status line) and for browser tests.
import RFB from '/novnc/package/core/rfb.js';

const screen = document.getElementById('console-screen');
const status = document.getElementById('console-status');
const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
const rfb = new RFB(screen, scheme + location.host + screen.dataset.path);
rfb.scaleViewport = true;
rfb.focusOnClick = true;

function show(state) {
  screen.dataset.state = state;
  status.textContent = status.dataset[state];
  status.className = 'small ' + (state === 'connected' ? 'text-success' : state === 'disconnected' ? 'text-danger' : 'text-muted');
}

show('connecting');
rfb.addEventListener('connect', () => { show('connected'); rfb.focus(); });
rfb.addEventListener('disconnect', () => show('disconnected'));
