// An inspection done on a phone. Every answer is posted as it is entered (htmx). Until the server has
// answered, the answer is also kept in localStorage: when the connection drops, answers stay on the
// phone, survive a reload, and are sent again once the phone is back online. Submitting waits until
// nothing is left on the phone.
//
// Evidence photos are too big for localStorage: each photo is queued in IndexedDB with an id made on
// the phone, shown on its item as "waiting to upload", and uploaded (one at a time) whenever the phone is
// online; it leaves the queue once the server has answered. A retried upload carries the same id, and the
// server stores a photo only once per id and inspection. Submitting waits until the queue is empty.
(function () {
  var root = document.getElementById('inspection-work');
  if (!root) {
    return;
  }
  var key = 'careqms.inspection.' + root.getAttribute('data-inspection');
  var banner = document.getElementById('offline-banner');
  var sequence = Date.now();
  var inspection = root.getAttribute('data-inspection');

  // ---- the photo queue (IndexedDB) ----
  var queued = [];            // this inspection's queued photos, in the order they were taken
  var photosLoaded = false;   // until the queue has been read, submitting waits
  var uploading = false;
  var database = null;

  function photoCount() {
    return queued.length;
  }

  function openDatabase() {
    if (database) {
      return database;
    }
    database = new Promise(function (resolve, reject) {
      if (!window.indexedDB) {
        reject(new Error('no IndexedDB'));
        return;
      }
      var request = window.indexedDB.open('careqms-inspection-photos', 1);
      request.onupgradeneeded = function () {
        var store = request.result.createObjectStore('photos', { keyPath: 'clientId' });
        store.createIndex('inspection', 'inspection', { unique: false });
      };
      request.onsuccess = function () {
        resolve(request.result);
      };
      request.onerror = function () {
        reject(request.error);
      };
    });
    return database;
  }

  function transaction(mode, work) {
    return openDatabase().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction('photos', mode);
        var result = work(tx.objectStore('photos'));
        tx.oncomplete = function () {
          resolve(result && 'result' in result ? result.result : undefined);
        };
        tx.onerror = function () {
          reject(tx.error);
        };
        tx.onabort = function () {
          reject(tx.error);
        };
      });
    });
  }

  function loadQueue() {
    return transaction('readonly', function (store) {
      return store.index('inspection').getAll(inspection);
    }).then(function (records) {
      queued = (records || []).sort(function (a, b) {
        return a.queuedAt - b.queuedAt;
      });
      photosLoaded = true;
      renderQueues();
      show();
    });
  }

  function newClientId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ('0' + b.toString(16)).slice(-2);
    }).join('');
  }

  // a small preview as a data URL (the page's CSP allows data: images, not blob: ones)
  function preview(file) {
    if (!window.createImageBitmap) {
      return Promise.resolve(null);
    }
    return window.createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, 144 / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return canvas.toDataURL('image/jpeg', 0.7);
    }).catch(function () {
      return null;
    });
  }

  function enqueue(form, file) {
    refusedNotice = null;
    var record = {
      clientId: newClientId(),
      inspection: inspection,
      itemId: form.querySelector('input[name=itemId]').value,
      url: form.getAttribute('hx-post'),
      photo: file,
      name: file.name || 'photo',
      queuedAt: Date.now()
    };
    return preview(file).then(function (dataUrl) {
      record.preview = dataUrl;
      return transaction('readwrite', function (store) {
        return store.put(record);
      });
    }).then(function () {
      queued.push(record);
      renderQueues();
      show();
      upload();
    });
  }

  function dequeue(record) {
    return transaction('readwrite', function (store) {
      return store.delete(record.clientId);
    }).then(function () {
      queued = queued.filter(function (r) {
        return r.clientId !== record.clientId;
      });
      renderQueues();
      show();
    });
  }

  // draws the waiting photos on their items (again after a card was swapped)
  function renderQueues() {
    root.querySelectorAll('.photo-queue').forEach(function (box) {
      var item = box.getAttribute('data-item');
      box.textContent = '';
      queued.filter(function (r) {
        return String(r.itemId) === item;
      }).forEach(function (r) {
        var figure = document.createElement('figure');
        figure.className = 'queued-photo m-0 text-center';
        figure.setAttribute('data-client-id', r.clientId);
        if (r.preview) {
          var image = document.createElement('img');
          image.className = 'evidence-thumb rounded border opacity-75';
          image.src = r.preview;
          image.alt = r.name;
          figure.appendChild(image);
        }
        var caption = document.createElement('figcaption');
        caption.className = 'badge text-bg-warning d-block mt-1';
        caption.textContent = root.getAttribute('data-photo-waiting');
        figure.appendChild(caption);
        box.appendChild(figure);
      });
    });
  }

  function csrfHeaders() {
    var headers = { 'HX-Request': 'true' };
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      headers[header.getAttribute('content')] = token.getAttribute('content');
    }
    return headers;
  }

  // uploads the queue, oldest first, one photo at a time; stops at the first that cannot get through
  function upload() {
    if (uploading || !queued.length || !navigator.onLine) {
      return;
    }
    uploading = true;
    var record = queued[0];
    var body = new FormData();
    body.append('itemId', record.itemId);
    body.append('clientId', record.clientId);
    body.append('photo', record.photo, record.name);
    window.fetch(record.url, { method: 'POST', body: body, headers: csrfHeaders(), credentials: 'same-origin' })
      .then(function (response) {
        // a redirect (to the sign-in page when the session has ended) is not an answer about the photo
        if (response.ok && !response.redirected) {
          return response.text().then(function (html) {
            var card = document.getElementById('item-' + record.itemId);
            return dequeue(record).then(function () {
              if (card && window.htmx) {
                window.htmx.swap(card, html, { swapStyle: 'outerHTML' });
              }
              renderQueues();
            });
          });
        }
        if (response.status === 400 || response.status === 404 || response.status === 409 || response.status === 413) {
          // refused for good (not an image, too large, the inspection closed): keeping it would block submitting
          return dequeue(record).then(function () {
            show(root.getAttribute('data-photo-refused').replace('{0}', record.name), 'refused');
          });
        }
        throw new Error('status ' + response.status);
      })
      .then(function () {
        uploading = false;
        upload();
      }, function () {
        // offline again, or the server is not there: the photo stays queued for the next attempt
        uploading = false;
        show();
      });
  }

  function startPhotos() {
    loadQueue().then(upload, function () {
      // no IndexedDB (private mode of some browsers): photos go straight to the server through htmx
      database = null;
      photosLoaded = true;
      show();
    });
    window.setInterval(upload, 15000);
  }

  // a photo chosen or taken: queued first, then uploaded; htmx does not post it itself
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (!input || input.type !== 'file' || !input.closest) {
      return;
    }
    var form = input.closest('.photo-form');
    if (!form || !database || !input.files || !input.files.length) {
      return;
    }
    event.stopPropagation();
    var files = Array.prototype.slice.call(input.files);
    input.value = '';
    files.reduce(function (chain, file) {
      return chain.then(function () {
        return enqueue(form, file);
      });
    }, Promise.resolve()).catch(function () {
      show();
    });
  }, true);

  document.addEventListener('htmx:afterSettle', renderQueues);

  function pending() {
    try {
      return JSON.parse(window.localStorage.getItem(key) || '{}');
    } catch (e) {
      return {};
    }
  }

  function store(entries) {
    if (Object.keys(entries).length) {
      window.localStorage.setItem(key, JSON.stringify(entries));
    } else {
      window.localStorage.removeItem(key);
    }
    show();
  }

  // what the banner says: a notice that stays until it no longer applies, then what waits on the phone
  var blockedNotice = null;   // submitting was held back: until nothing waits any more
  var refusedNotice = null;   // a queued photo was refused: until the next photo is taken
  function show(text, kind) {
    var count = Object.keys(pending()).length;
    var photos = photoCount();
    if (text && kind === 'refused') {
      refusedNotice = text;
    } else if (text) {
      blockedNotice = text;
    }
    if (!count && !photos) {
      blockedNotice = null;
    }
    var parts = [];
    if (refusedNotice) {
      parts.push(refusedNotice);
    }
    if (blockedNotice) {
      parts.push(blockedNotice);
    }
    if (count) {
      parts.push(root.getAttribute('data-offline').replace('{0}', count));
    }
    if (photos) {
      parts.push(root.getAttribute('data-photos').replace('{0}', photos));
    }
    if (parts.length) {
      banner.textContent = parts.join(' ');
      banner.classList.remove('d-none');
    } else {
      banner.classList.add('d-none');
    }
    root.setAttribute('data-pending', String(count));
    root.setAttribute('data-pending-photos', photosLoaded ? String(photos) : '');
  }

  function values(form) {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      data[name] = value;
    });
    return data;
  }

  function isAnswer(element) {
    return element && element.classList && element.classList.contains('answer-form');
  }

  // puts stored values back into an answer form
  function restore(form, data) {
    form.querySelectorAll('input[type=radio]').forEach(function (input) {
      input.checked = data[input.name] === input.value;
    });
    form.querySelectorAll('input[type=checkbox]').forEach(function (input) {
      input.checked = data[input.name] === input.value;
    });
    form.querySelectorAll('input[type=number], textarea').forEach(function (input) {
      input.value = data[input.name] || '';
    });
  }

  function sync() {
    if (!navigator.onLine) {
      show();
      return;
    }
    var entries = pending();
    var forms = [];
    Object.keys(entries).forEach(function (item) {
      var form = root.querySelector('.answer-form[data-item="' + item + '"]');
      if (form) {
        restore(form, entries[item].values);
        forms.push(form);
      } else {
        delete entries[item];
      }
    });
    store(entries);
    forms.forEach(function (form) {
      window.htmx.trigger(form, 'change');
    });
  }

  document.addEventListener('htmx:beforeRequest', function (event) {
    var form = event.detail.elt;
    if (!isAnswer(form)) {
      return;
    }
    var entries = pending();
    sequence += 1;
    entries[form.getAttribute('data-item')] = { values: values(form), sequence: sequence };
    form.setAttribute('data-sequence', String(sequence));
    store(entries);
    if (!navigator.onLine) {
      event.preventDefault();
    }
  });

  // before the swap, while the form is still in the page (an event of a form that has been swapped out
  // no longer reaches the document)
  document.addEventListener('htmx:beforeSwap', function (event) {
    // triggered on the swap target (the item's card); the form that asked is in the request's config
    var form = event.detail.requestConfig ? event.detail.requestConfig.elt : null;
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (!isAnswer(form) || status === 0 || status >= 500) {
      show();
      return;
    }
    // the server has it (saved, or refused with a reason shown on the item): drop the local copy
    // unless the item was changed again since
    var entries = pending();
    var item = form.getAttribute('data-item');
    if (entries[item] && String(entries[item].sequence) === form.getAttribute('data-sequence')) {
      delete entries[item];
      store(entries);
    }
  });

  document.addEventListener('htmx:sendError', function () {
    show();
  });

  window.addEventListener('online', function () {
    sync();
    upload();
  });
  window.addEventListener('offline', function () {
    show();
  });

  var submit = document.getElementById('submit-form');
  if (submit) {
    submit.addEventListener('submit', function (event) {
      if (Object.keys(pending()).length || !photosLoaded || photoCount()) {
        event.preventDefault();
        event.stopImmediatePropagation();
        show(root.getAttribute('data-blocked'));
        sync();
        upload();
      }
    }, true);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', sync);
  } else {
    sync();
  }
  startPhotos();
})();
