// cxq voucher pages: progressive enhancement only. Every page works without this
// script; with it, the 科技创新券申请表 shows 申请创新券金额 (系统自动计算) as the
// enterprise types the estimated contract amount, from the server's own computation.
(function () {
  "use strict";
  var form = document.getElementById("application-form");
  if (!form || !form.dataset.preview || !window.fetch) {
    return;
  }
  var estimated = form.querySelector("[name=estimated_amount]");
  var requested = form.querySelector("[name=requested_amount]");
  var out = document.getElementById("amount");
  var breakdown = document.getElementById("breakdown");
  if (!estimated || !out) {
    return;
  }
  var timer = 0;
  var seq = 0;
  function show(amount, text) {
    out.textContent = amount;
    if (breakdown) {
      breakdown.textContent = text;
    }
  }
  function ask() {
    var mine = ++seq;
    var value = estimated.value.trim();
    if (value === "") {
      show("", "");
      return;
    }
    fetch(form.dataset.preview, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ estimated_amount: value, requested_amount: requested ? requested.value : "" })
    }).then(function (resp) {
      return resp.json().then(function (body) { return { ok: resp.ok, body: body }; });
    }).then(function (res) {
      if (mine !== seq) {
        return;
      }
      var b = res.body || {};
      if (res.ok && b.known) {
        show(b.amount, b.text || "");
        return;
      }
      var errs = (b.problems && b.problems.errors) || b.errors || [];
      show("", errs.length ? errs[0].message_zh : "");
    }).catch(function () {
      // The 计算 button still works without the preview.
    });
  }
  estimated.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 300);
  });
})();

// On the 创新券兑现申请 page, 添加发票, 添加合同 and 删除 post forms of their own, so
// what was typed into the redemption's own fields (联系人, 科技创新券使用成效, …) and not
// yet saved would be lost when the page comes back. It is kept in this tab's session
// storage, and put back when the page returns with the field as it was when the typing
// began (nobody saved another value meanwhile); 保存 or 申请 clears it.
(function () {
  "use strict";
  var form = document.getElementById("redemption-form");
  if (!form || !window.sessionStorage) {
    return;
  }
  var prefix = "cxq-typed:" + location.pathname + ":";
  var fields = form.querySelectorAll("input[type=text], input:not([type]), input[type=tel], input[type=email], textarea");
  Array.prototype.forEach.call(fields, function (el) {
    if (!el.name) {
      return;
    }
    var key = prefix + el.name;
    var kept = null;
    try {
      kept = JSON.parse(sessionStorage.getItem(key) || "null");
    } catch (e) {
      kept = null;
    }
    if (kept && kept.base === el.value && kept.value !== el.value) {
      el.value = kept.value;
    } else if (kept && kept.base !== el.value) {
      sessionStorage.removeItem(key);
      kept = null;
    }
    var base = kept ? kept.base : el.value;
    el.addEventListener("input", function () {
      sessionStorage.setItem(key, JSON.stringify({ base: base, value: el.value }));
    });
  });
  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(fields, function (el) {
      sessionStorage.removeItem(prefix + el.name);
    });
  });
})();
