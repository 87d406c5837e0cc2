// newsgraph UI: small progressive enhancements. Every page works without this file.
// It never inserts markup: it only toggles classes and sets text.
(function () {
  'use strict';

  // Quote tooltips (shown by CSS on hover and focus): keep them on screen, and let Escape
  // dismiss them without moving focus.
  function quoteOf(node) {
    return node && node.closest ? node.closest('.q') : null;
  }
  function place(q) {
    q.classList.remove('tip-off', 'tip-left');
    var tip = q.querySelector(':scope > .tip');
    if (!tip) return;
    var rect = tip.getBoundingClientRect();
    if (rect.width && rect.right > document.documentElement.clientWidth - 8) {
      q.classList.add('tip-left');
    }
  }
  document.addEventListener('focusin', function (e) {
    var q = quoteOf(e.target);
    if (q) place(q);
  });
  document.addEventListener('mouseover', function (e) {
    var q = quoteOf(e.target);
    if (q && !q.contains(e.relatedTarget)) place(q);
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    document.querySelectorAll('.q').forEach(function (q) {
      q.classList.add('tip-off');
    });
  });

  // Entity graph: hovering or focusing a node brings its links forward.
  var graph = document.getElementById('entity-graph');
  if (graph) {
    var edges = Array.prototype.slice.call(graph.querySelectorAll('.edge'));
    var show = function (id) {
      graph.classList.toggle('focusing', !!id);
      edges.forEach(function (edge) {
        edge.classList.toggle('hot', !!id && (edge.dataset.s === id || edge.dataset.t === id));
      });
    };
    var nodeOf = function (target) {
      return target && target.closest ? target.closest('a.node') : null;
    };
    var track = function (e) {
      var node = nodeOf(e.target);
      show(node ? node.getAttribute('data-id') : null);
    };
    graph.addEventListener('mouseover', track);
    graph.addEventListener('focusin', track);
    graph.addEventListener('mouseleave', function () { show(null); });
    graph.addEventListener('focusout', function (e) {
      if (!nodeOf(e.relatedTarget)) show(null);
    });
  }

  // "Copy with citation": the statement, its speaker, outlet and date, and a link. The buttons
  // are hidden until this script shows them; the copied text is echoed next to the button.
  function absolute(link) {
    try { return new URL(link, window.location.href).href; } catch (e) { return link; }
  }
  function fallbackCopy(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  document.querySelectorAll('button.copy-cite').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = button.dataset.cite + ' ' + absolute(button.dataset.link);
      var out = button.parentNode.querySelector('output.copied');
      var done = function (ok) {
        if (out) out.textContent = (ok ? 'Copied: ' : 'Select and copy: ') + text;
        button.dataset.copied = text;
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
      } else {
        done(fallbackCopy(text));
      }
    });
  });
})();
