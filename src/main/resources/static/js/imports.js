// Import page: how much of the file has been sent, then that the server is checking it.
(function () {
  function form(event) {
    var target = event.target;
    return target && target.matches && target.matches('[data-import-form]') ? target : null;
  }
  document.addEventListener('htmx:beforeRequest', function (event) {
    var upload = form(event);
    if (!upload) {
      return;
    }
    var bar = upload.querySelector('progress');
    bar.value = 0;
    bar.classList.remove('d-none');
    upload.removeAttribute('data-uploaded');
    upload.querySelector('#upload-processing').classList.add('d-none');
  });
  document.addEventListener('htmx:xhr:progress', function (event) {
    var upload = form(event);
    if (!upload || upload.hasAttribute('data-uploaded') || !event.detail.lengthComputable) {
      return;
    }
    var bar = upload.querySelector('progress');
    bar.value = Math.round(event.detail.loaded * 100 / event.detail.total);
    if (event.detail.loaded >= event.detail.total) {
      // the file is sent; the server now checks and stores it
      upload.setAttribute('data-uploaded', '');
      bar.removeAttribute('value');
      upload.querySelector('#upload-processing').classList.remove('d-none');
    }
  });
})();
