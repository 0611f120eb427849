// Behaviour that templates ask for with data- attributes or plain markup, so that pages carry no
// inline script (the Content-Security-Policy allows scripts from our own files only).
(function () {
  "use strict";

  var KEPT = "jixiao.kept";          // sessionStorage: the last form sent, until its answer arrives
  var KEPT_MAX_AGE = 12 * 3600 * 1000;
  var body = document.body;

  function onReady(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field && field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
  });

  // ---- Navigation: one button folds the links at tablet and phone widths. -------------------------
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest("[data-nav-toggle]");
    if (!toggle) return;
    var header = toggle.closest("header");
    var open = !header.classList.contains("open");
    header.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.textContent = open ? "收起" : "菜单";
  });

  // ---- Wide tables: their own scroll box, sticky first column and header, a visible cue. ---------
  function frameTable(table) {
    var wrap = table.parentElement;
    if (!wrap.classList.contains("table-wrap")) {
      if (wrap.classList.contains("scroll") && wrap.children.length === 1) {
        wrap.classList.add("table-wrap");
      } else {
        var made = document.createElement("div");
        made.className = "table-wrap";
        table.parentNode.insertBefore(made, table);
        made.appendChild(table);
        wrap = made;
      }
    }
    if (!wrap.parentElement.classList.contains("table-frame")) {
      var frame = document.createElement("div");
      frame.className = "table-frame";
      var cue = document.createElement("p");
      cue.className = "scroll-cue";
      cue.textContent = "表格较宽，可左右滑动查看其余各列";
      wrap.parentNode.insertBefore(frame, wrap);
      frame.appendChild(cue);
      frame.appendChild(wrap);
      wrap.addEventListener("scroll", function () { measure(wrap); }, { passive: true });
    }
    measure(wrap);
  }

  function measure(wrap) {
    var frame = wrap.parentElement;
    var wide = wrap.scrollWidth > wrap.clientWidth + 1;
    wrap.classList.toggle("wide", wide);
    wrap.classList.toggle("tall", wide && wrap.firstElementChild.offsetHeight > window.innerHeight * 0.78);
    frame.classList.toggle("more-right", wide && wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 1);
    frame.classList.toggle("more-left", wide && wrap.scrollLeft > 0);
  }

  function frameTables(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var tables = Array.prototype.slice.call(scope.querySelectorAll("main table"));
    if (scope.matches && scope.matches("main table")) tables.push(scope);
    tables.forEach(function (table) {
      if (!table.closest("[data-no-frame]")) frameTable(table);
    });
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      Array.prototype.forEach.call(document.querySelectorAll(".table-wrap"), measure);
    }, 100);
  });

  // ---- Grids: Enter and the arrow keys move between cells, as in a spreadsheet. -----------------
  var CELL = "input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]):not([disabled]), select:not([disabled])";

  function cellFields(row) {
    return Array.prototype.filter.call(row.querySelectorAll(CELL), function (field) { return !field.readOnly; });
  }

  function fieldInColumn(row, column) {
    var cell = row.cells[column];
    if (!cell) return null;
    var field = cell.querySelector(CELL);
    return field && !field.readOnly ? field : null;
  }

  function verticalTarget(field, step) {
    var cell = field.closest("td, th");
    var row = cell.parentElement;
    var table = row.closest("table");
    var rows = Array.prototype.slice.call(table.rows);
    for (var i = rows.indexOf(row) + step; i >= 0 && i < rows.length; i += step) {
      var target = fieldInColumn(rows[i], cell.cellIndex);
      if (target) return target;
    }
    return null;
  }

  function caretAt(field, end) {
    if (field.hasAttribute("data-grid-entered")) return true;  // reached by the keys, not yet typed in
    try {
      if (typeof field.selectionStart !== "number") return true;
      if (field.selectionStart !== field.selectionEnd) return false;
      return end ? field.selectionEnd === field.value.length : field.selectionStart === 0;
    } catch (e) {
      return true;
    }
  }

  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches(CELL) || event.altKey || event.ctrlKey || event.metaKey) return;
    var table = field.closest("table.grid");
    if (!table || !field.closest("td, th")) return;
    var target = null;
    if (event.key === "Enter") target = verticalTarget(field, event.shiftKey ? -1 : 1);
    else if (event.key === "ArrowDown" && field.tagName !== "SELECT") target = verticalTarget(field, 1);
    else if (event.key === "ArrowUp" && field.tagName !== "SELECT") target = verticalTarget(field, -1);
    else if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      if (field.tagName === "SELECT" || !caretAt(field, event.key === "ArrowRight")) return;
      var fields = cellFields(field.closest("tr"));
      target = fields[fields.indexOf(field) + (event.key === "ArrowRight" ? 1 : -1)] || null;
    } else return;
    if (event.key === "Enter") event.preventDefault();  // Enter moves on; it does not send the form
    if (!target) return;
    event.preventDefault();
    target.focus();
    if (target.select) target.select();
    target.setAttribute("data-grid-entered", "");
  });

  ["input", "mousedown"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.removeAttribute) event.target.removeAttribute("data-grid-entered");
    });
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.removeAttribute) event.target.removeAttribute("data-grid-entered");
  });

  // ---- Unsaved changes: warn before leaving a page whose typing has not been sent. --------------
  var dirty = new Set();
  var leavingOnPurpose = false;

  function keeps(form) {
    return form && (form.method || "").toLowerCase() === "post" && !form.hasAttribute("data-no-keep") &&
      body.getAttribute("data-page") !== "login";
  }

  function watched(field) {
    return field && field.name && field.name !== "csrfmiddlewaretoken" && field.form && keeps(field.form);
  }

  document.addEventListener("input", function (event) { if (watched(event.target)) dirty.add(event.target); });
  document.addEventListener("change", function (event) { if (watched(event.target)) dirty.add(event.target); });

  function forget(form) {
    dirty.forEach(function (field) { if (!field.isConnected || field.form === form) dirty.delete(field); });
  }

  window.addEventListener("beforeunload", function (event) {
    dirty.forEach(function (field) { if (!field.isConnected) dirty.delete(field); });
    if (leavingOnPurpose || dirty.size === 0) return;
    event.preventDefault();
    event.returnValue = "";  // the browser shows its own "leave the page?" question
  });

  // ---- Work kept across a lost session ----------------------------------------------------------
  // Every form sent is copied to this tab's sessionStorage; its answer decides what happens. If the
  // answer is the login page (idle limit, or the session was ended), the login goes back to the page
  // the form was on, the typed values are put back and, when the user had pressed save, sent again
  // with the revision they started from (a stale one is still refused) and the page's fresh CSRF token.
  function fieldsOf(form) {
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.name === "csrfmiddlewaretoken" || field.disabled || field.type === "file") return;
      if (field.type === "submit" || field.type === "button") return;
      if ((field.type === "checkbox" || field.type === "radio") && !field.checked) return;
      if (field.tagName === "SELECT" && field.multiple) {
        Array.prototype.forEach.call(field.selectedOptions, function (option) { fields.push([field.name, option.value]); });
        return;
      }
      fields.push([field.name, field.value]);
    });
    return fields;
  }

  function pathOf(url) {
    var link = document.createElement("a");
    link.href = url || location.href;
    return link.pathname + link.search;
  }

  function formsMatching(action) {
    return Array.prototype.filter.call(document.forms, function (form) {
      return keeps(form) && pathOf(form.getAttribute("action") || location.href) === action;
    });
  }

  function keep(form, submit, field) {
    if (!keeps(form) || !body.getAttribute("data-user")) return;
    var action = pathOf(form.getAttribute("action") || location.href);
    var sent = readKept();
    // A preview fired after the user pressed save must not turn the save back into a preview.
    if (!submit && sent && sent.submit && !sent.expired && sent.page === location.pathname + location.search) return;
    var record = {
      page: location.pathname + location.search, action: action, index: formsMatching(action).indexOf(form),
      fields: field ? [[field.name, field.value]] : fieldsOf(form), field: field ? field.name : null,
      submit: submit, user: body.getAttribute("data-user"), at: Date.now(), expired: false
    };
    try { sessionStorage.setItem(KEPT, JSON.stringify(record)); } catch (e) { /* private mode: nothing kept */ }
  }

  function keepField(field) {
    if (!body.getAttribute("data-user")) return;
    var record = {
      page: location.pathname + location.search, action: null, index: 0, fields: [[field.name, field.value]],
      field: field.name, submit: true, user: body.getAttribute("data-user"), at: Date.now(), expired: false
    };
    try { sessionStorage.setItem(KEPT, JSON.stringify(record)); } catch (e) { /* private mode: nothing kept */ }
  }

  function restoreField(record) {
    var field = document.querySelector('[name="' + CSS.escape(record.field) + '"]');
    if (!field || field.disabled || field.readOnly) {
      note("登录已过期，之前输入的内容未能恢复：此页面现在不可编辑或已更改。");
      return;
    }
    field.value = record.fields[0][1];
    note("登录已过期：您输入的内容已恢复，正在重新保存…");
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function readKept() {
    try {
      var record = JSON.parse(sessionStorage.getItem(KEPT) || "null");
      if (record && Date.now() - record.at < KEPT_MAX_AGE) return record;
    } catch (e) { /* unreadable: start afresh */ }
    sessionStorage.removeItem(KEPT);
    return null;
  }

  function note(text, where) {
    var box = document.createElement("p");
    box.className = "keep-note";
    box.setAttribute("role", "status");
    box.textContent = text;
    (where || document.querySelector("main")).prepend(box);
    return box;
  }

  function htmxSends(form) {
    // htmx takes a form's submit only when it posts it on submit (not a preview while typing).
    var trigger = form.getAttribute("hx-trigger");
    return !!(form.getAttribute("hx-post") || form.getAttribute("hx-put")) && (!trigger || /\bsubmit\b/.test(trigger));
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.getAttribute("action") && pathOf(form.getAttribute("action")) === "/logout/") {
      sessionStorage.removeItem(KEPT);
      leavingOnPurpose = true;
      return;
    }
    if (event.defaultPrevented) return;
    if (keeps(form)) {
      keep(form, true);
      forget(form);
    }
    if (!htmxSends(form)) showBusy("正在提交，请稍候…");
  });

  function restore(record) {
    sessionStorage.removeItem(KEPT);
    if (record.user !== body.getAttribute("data-user")) return;
    if (record.field) { restoreField(record); return; }
    var form = formsMatching(record.action)[Math.max(record.index, 0)] || formsMatching(record.action)[0];
    if (!form) {
      note("登录已过期，之前输入的内容未能恢复：此页面现在不可编辑或已更改。");
      return;
    }
    var byName = {};
    record.fields.forEach(function (pair) { (byName[pair[0]] = byName[pair[0]] || []).push(pair[1]); });
    Object.keys(byName).forEach(function (name) {
      var values = byName[name];
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name !== name || field.type === "file" || field.disabled) return;
        if (field.type === "checkbox" || field.type === "radio") field.checked = values.indexOf(field.value) >= 0;
        else if (field.tagName === "SELECT" && field.multiple) {
          Array.prototype.forEach.call(field.options, function (option) { option.selected = values.indexOf(option.value) >= 0; });
        } else if (values.length) field.value = values.length > 1 ? values.shift() : values[0];
        if (!record.submit) dirty.add(field);
      });
    });
    if (record.submit) {
      note("登录已过期：您输入的内容已恢复，正在重新保存…", form.closest("main"));
      keep(form, true);
      setTimeout(function () { form.requestSubmit ? form.requestSubmit() : form.submit(); }, 50);
    } else {
      note("登录已过期：您输入的内容已恢复，请检查后保存。");
      form.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  function atLogin(record) {
    // The login page the lost session led to: send the user back to the page the form was on.
    record.expired = true;
    sessionStorage.setItem(KEPT, JSON.stringify(record));
    var next = document.querySelector("form input[name=next]");
    if (next && /^\/(?!\/)/.test(record.page)) next.value = record.page;
    note("您之前输入的内容已暂存在本浏览器中；重新登录后将自动恢复" + (record.submit ? "并保存。" : "。"));
  }

  onReady(function () {
    frameTables(document);
    var record = readKept();
    if (!record) return;
    var kind = body.getAttribute("data-page");
    if (kind === "login") atLogin(record);
    else if (kind === "stale-form" && !record.expired && /^\/(?!\/)/.test(record.page)) {
      // The form's security token outlived its session (logged out elsewhere): open the page afresh,
      // through the login if need be, and send the kept values with the new token.
      record.expired = true;
      sessionStorage.setItem(KEPT, JSON.stringify(record));
      note("页面已过期：您输入的内容已暂存，正在重新打开页面并保存…");
      leavingOnPurpose = true;
      setTimeout(function () { location.href = record.page; }, 1200);
    }
    else if (record.expired && record.page === location.pathname + location.search) restore(record);
    else if (!record.expired) sessionStorage.removeItem(KEPT);  // the form got its answer
  });

  // ---- htmx: progress for waits, and a lost session in the middle of a request ------------------
  var busyCount = 0, busyTimer = null, noteTimer = null, busyNote = null;

  function showBusy(text) {
    busyCount += 1;
    if (busyCount > 1) return;
    busyTimer = setTimeout(function () {
      var bar = document.querySelector(".busy-bar");
      if (bar) bar.hidden = false;
      body.setAttribute("aria-busy", "true");
    }, 300);
    noteTimer = setTimeout(function () {
      busyNote = document.createElement("div");
      busyNote.className = "busy-note";
      busyNote.setAttribute("role", "status");
      busyNote.textContent = text || "正在处理，请稍候…";
      body.appendChild(busyNote);
    }, 1000);
    // A download answers without leaving the page: do not spin forever.
    setTimeout(hideAllBusy, 30000);
  }

  function hideBusy() {
    busyCount = Math.max(0, busyCount - 1);
    if (busyCount === 0) hideAllBusy();
  }

  function hideAllBusy() {
    busyCount = 0;
    clearTimeout(busyTimer);
    clearTimeout(noteTimer);
    var bar = document.querySelector(".busy-bar");
    if (bar) bar.hidden = true;
    body.removeAttribute("aria-busy");
    if (busyNote) { busyNote.remove(); busyNote = null; }
  }
  window.addEventListener("pageshow", hideAllBusy);

  function polling(elt) {
    return /\bevery\b/.test(elt.getAttribute("hx-trigger") || "");
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (!polling(elt)) showBusy();
    var verb = (event.detail.requestConfig && event.detail.requestConfig.verb) || "";
    if (verb.toLowerCase() !== "post") return;
    var trigger = event.detail.requestConfig.triggeringEvent;
    // A form htmx sends on submit is a save; one it sends while typing is a preview (restore, not send).
    if (elt.tagName === "FORM") keep(elt, !!trigger && trigger.type === "submit");
    else if (elt.name) keepField(elt);              // a field that saves itself (a judge's score)
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    if (!polling(elt)) hideBusy();
    var xhr = event.detail.xhr;
    if (!event.detail.successful || !xhr || /\/login\//.test(xhr.responseURL || "")) return;
    if (xhr.getResponseHeader("HX-Redirect")) return;
    var kept = readKept();
    if (kept && !kept.expired) sessionStorage.removeItem(KEPT);
    // A field that saves itself is saved; a form's preview is not.
    if (elt.tagName !== "FORM") dirty.delete(elt);
  });

  document.addEventListener("htmx:beforeOnLoad", function (event) {
    var xhr = event.detail.xhr;
    var redirect = xhr && xhr.getResponseHeader("HX-Redirect");
    if (redirect && /\/login\//.test(redirect)) leavingOnPurpose = true;
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    // A request without a session was sent to the login page: show it whole, not inside a fragment.
    var xhr = event.detail.xhr;
    if (xhr && xhr.responseURL && new URL(xhr.responseURL).pathname === "/login/") {
      event.detail.shouldSwap = false;
      leavingOnPurpose = true;
      location.href = "/login/?next=" + encodeURIComponent(location.pathname + location.search);
    }
  });

  document.addEventListener("htmx:load", function (event) { frameTables(event.detail.elt); });
})();
