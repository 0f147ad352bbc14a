// An inspection done on a phone. Every answer is posted as it is entered (htmx). Until the server has
// answered, the answer is also kept in localStorage: when the connection drops, answers stay on the
// phone, survive a reload, and are sent again once the phone is back online. Submitting waits until
// nothing is left on the phone.
(function () {
  var root = document.getElementById('inspection-work');
  if (!root) {
    return;
  }
  var key = 'careqms.inspection.' + root.getAttribute('data-inspection');
  var banner = document.getElementById('offline-banner');
  var sequence = Date.now();

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

  function show(text) {
    var count = Object.keys(pending()).length;
    if (text) {
      banner.textContent = text;
      banner.classList.remove('d-none');
    } else if (count) {
      banner.textContent = root.getAttribute('data-offline').replace('{0}', count);
      banner.classList.remove('d-none');
    } else {
      banner.classList.add('d-none');
    }
    root.setAttribute('data-pending', String(count));
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

  window.addEventListener('online', sync);
  window.addEventListener('offline', function () {
    show();
  });

  var submit = document.getElementById('submit-form');
  if (submit) {
    submit.addEventListener('submit', function (event) {
      if (Object.keys(pending()).length) {
        event.preventDefault();
        event.stopImmediatePropagation();
        show(root.getAttribute('data-blocked'));
        sync();
      }
    }, true);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', sync);
  } else {
    sync();
  }
})();
