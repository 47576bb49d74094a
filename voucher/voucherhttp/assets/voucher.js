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
