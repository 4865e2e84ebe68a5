'use strict';
// The pod's token lives in this closure only: never in storage, a URL or the DOM.
(() => {
  const $ = (id) => document.getElementById(id);
  const startButton = $('start'), askButton = $('ask'), endButton = $('end');
  const statusLine = $('status'), answer = $('answer');
  let session = null;       // {id, url, token}
  let heartbeat = null;

  function status(text, isError) {
    statusLine.textContent = text;
    statusLine.classList.toggle('error', Boolean(isError));
  }

  function buttons() {
    startButton.disabled = session !== null;
    askButton.disabled = session === null;
    endButton.disabled = session === null;
  }

  async function startSession() {
    startButton.disabled = true;
    status('Starting a pod for you…');
    try {
      const response = await fetch('/sessions', {
        method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'
      });
      const body = await response.json();
      if (!response.ok) {
        throw new Error(body.message || ('HTTP ' + response.status));
      }
      session = {id: body.id, url: body.url, token: body.token};
      $('session-id').textContent = session.id;
      $('pod-url').textContent = session.url;
      heartbeat = setInterval(sendHeartbeat, 10000);
      buttons();
      await ask();
    } catch (e) {
      status('Could not start a session: ' + e.message, true);
      buttons();
    }
  }

  async function ask() {
    const prompt = $('prompt').value;
    answer.textContent = '';
    answer.dataset.state = 'streaming';
    status('Pod ready. Streaming the answer straight from the pod…');
    const url = session.url + '/v1/stream?prompt=' + encodeURIComponent(prompt) + '&max_tokens=16';
    try {
      const response = await fetch(url, {headers: {'Authorization': 'Bearer ' + session.token}});
      if (!response.ok) {
        throw new Error('pod answered HTTP ' + response.status);
      }
      await readEvents(response.body, (event, data) => {
        if (event === 'token') {
          // the toy model's tokens are words: show them space-separated, like its "text"
          answer.textContent += (answer.textContent ? ' ' : '') + JSON.parse(data).token;
        } else if (event === 'done') {
          answer.dataset.state = 'done';
          status('Answer complete. The session stays open until you end it or leave it idle.');
        }
      });
    } catch (e) {
      answer.dataset.state = 'error';
      status('Streaming failed: ' + e.message, true);
    }
  }

  // Server-sent events over fetch(): split on blank lines, read "event:" and "data:" fields.
  async function readEvents(stream, onEvent) {
    const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        onEvent(event, data.join('\n'));
      }
    }
  }

  async function sendHeartbeat() {
    if (session === null) return;
    const response = await fetch('/sessions/' + encodeURIComponent(session.id) + '/heartbeat', {
      method: 'POST', headers: {'Authorization': 'Bearer ' + session.token}
    });
    if (response.status === 404) {
      forget();
      status('The session ended (idle too long).', true);
    }
  }

  async function endSession() {
    if (session === null) return;
    endButton.disabled = true;
    const id = session.id;
    const response = await fetch('/sessions/' + encodeURIComponent(id), {
      method: 'DELETE', headers: {'Authorization': 'Bearer ' + session.token}
    });
    forget();
    status(response.status === 204 ? 'Session ended; the pod is gone.' : 'Session was already gone.');
    statusLine.dataset.ended = id;
  }

  function forget() {
    clearInterval(heartbeat);
    heartbeat = null;
    session = null;
    $('session-id').textContent = '–';
    $('pod-url').textContent = '–';
    buttons();
  }

  startButton.addEventListener('click', startSession);
  askButton.addEventListener('click', ask);
  endButton.addEventListener('click', endSession);
  window.addEventListener('pagehide', () => {
    if (session !== null) {
      fetch('/sessions/' + encodeURIComponent(session.id), {
        method: 'DELETE', headers: {'Authorization': 'Bearer ' + session.token}, keepalive: true
      });
    }
  });
})();
