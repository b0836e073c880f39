// Finds a candidate's receipt on a static site: the file name is a hash of
// the year's public salt, the ID number and the name, computed here with
// Web Crypto, so that no list of receipts is ever published.
(function () {
  "use strict";
  var form = document.getElementById("receipt-form");
  if (!form) return;
  var idInput = document.getElementById("receipt-id");
  var nameInput = document.getElementById("receipt-name");
  var status = document.getElementById("receipt-status");
  var again = document.getElementById("receipt-link");
  var salt = form.getAttribute("data-salt");
  var year = form.getAttribute("data-year");

  function say(text, bad) {
    status.textContent = text;
    status.className = bad ? "status bad" : "status";
  }

  // GB 11643: 17 digits and a check character (ISO 7064 MOD 11-2).
  function idProblem(id) {
    if (!/^\d{17}[\dX]$/.test(id)) return "身份证号应为18位，前17位是数字，末位是数字或 X。";
    var weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    var sum = 0;
    for (var i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * weights[i];
    if ("10X98765432".charAt(sum % 11) !== id.charAt(17)) return "身份证号的校验位不符，请逐位核对。";
    return "";
  }

  function hex(buffer) {
    var bytes = new Uint8Array(buffer), out = "";
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return out;
  }

  function token(id, name) {
    var data = new TextEncoder().encode(salt + "\n" + id + "\n" + name);
    return crypto.subtle.digest("SHA-256", data).then(function (d) { return hex(d).slice(0, 32); });
  }

  function download(url) {
    var a = again.querySelector("a");
    a.href = url;
    a.setAttribute("download", year + "年报名回执.pdf");
    again.hidden = false;
    a.click();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    again.hidden = true;
    var id = idInput.value.replace(/\s+/g, "").toUpperCase();
    var name = nameInput.value.trim();
    var problem = idProblem(id);
    if (problem) { say(problem, true); idInput.focus(); return; }
    if (!name) { say("请输入姓名。", true); nameInput.focus(); return; }
    if (!window.crypto || !crypto.subtle) {
      say("本页须通过 https 打开才能查找回执。", true);
      return;
    }
    say("正在查找……", false);
    token(id, name).then(function (t) {
      var url = t + ".pdf";
      return fetch(url, { method: "HEAD", cache: "no-store" }).then(function (r) {
        if (r.ok) {
          say("已找到回执，开始下载。", false);
          download(url);
        } else if (r.status === 404) {
          say("没有找到与该身份证号和姓名对应的回执。请核对两者是否与报名时登记的一致。", true);
        } else {
          say("暂时无法查找（服务器返回 " + r.status + "），请稍后再试。", true);
        }
      });
    }).catch(function () {
      say("暂时无法连接，请检查网络后再试。", true);
    });
  });
})();
