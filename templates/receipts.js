// Finds and decrypts a candidate's receipt on a static site. From the ID
// number, name and mobile number typed here and the year's public salt,
// PBKDF2-SHA256 derives a master secret; HMAC-SHA256 under it gives the
// receipt's file name and its AES-256-GCM key (src/papers/lookup.rs does
// the same at build time). Nothing typed leaves the browser: the server
// sees only the derived file name.
(function () {
  "use strict";
  var form = document.getElementById("receipt-form");
  if (!form) return;
  var idInput = document.getElementById("receipt-id");
  var nameInput = document.getElementById("receipt-name");
  var phoneInput = document.getElementById("receipt-phone");
  var status = document.getElementById("receipt-status");
  var again = document.getElementById("receipt-link");
  var salt = form.getAttribute("data-salt");
  var iterations = parseInt(form.getAttribute("data-iterations"), 10);
  var year = form.getAttribute("data-year");
  var SCHEME = "gazette-receipt/2";
  var NOT_FOUND = "没有找到与该身份证号、姓名和手机号对应的回执。请核对三项是否与报名时登记的一致。";
  var busy = false;

  function say(text, bad) {
    status.textContent = text;
    status.className = bad ? "status bad" : "status";
  }

  // Full-width digits and letters, as Chinese input methods type them.
  function foldWidth(s) {
    return s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    });
  }
  // The spaces Rust trims (White_Space) and JavaScript's \s, together.
  var SPACE = "[\\s\\u0085]";
  function normaliseId(s) { return foldWidth(s).replace(new RegExp(SPACE, "g"), "").toUpperCase(); }
  function normaliseName(s) { return s.replace(new RegExp("^" + SPACE + "+|" + SPACE + "+$", "g"), ""); }
  function normalisePhone(s) {
    var digits = foldWidth(s).replace(/[^0-9]/g, "");
    return digits.length === 13 && digits.slice(0, 2) === "86" ? digits.slice(2) : digits;
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

  // { name, key }: the file name (32 hex digits) and the AES-GCM key.
  function derive(id, name, phone) {
    var subtle = crypto.subtle, enc = new TextEncoder();
    var secret = enc.encode(SCHEME + "\n" + id + "\n" + name + "\n" + phone);
    return subtle.importKey("raw", secret, "PBKDF2", false, ["deriveBits"]).then(function (base) {
      return subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: enc.encode(SCHEME + " salt\n" + salt), iterations: iterations }, base, 256);
    }).then(function (master) {
      return subtle.importKey("raw", master, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    }).then(function (mk) {
      return Promise.all([
        subtle.sign("HMAC", mk, enc.encode(SCHEME + " name")),
        subtle.sign("HMAC", mk, enc.encode(SCHEME + " key"))
      ]);
    }).then(function (parts) {
      return subtle.importKey("raw", parts[1], "AES-GCM", false, ["decrypt"]).then(function (key) {
        return { name: hex(parts[0]).slice(0, 32), key: key };
      });
    });
  }

  // "GZRC", format 1, a 12-byte nonce, then ciphertext and tag; the
  // first 17 bytes are the associated data. Null for anything else.
  function open(file, key) {
    var bytes = new Uint8Array(file);
    var magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
    if (bytes.length < 33 || magic !== "GZRC" || bytes[4] !== 1) return Promise.resolve(null);
    return crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.slice(5, 17), additionalData: bytes.slice(0, 17), tagLength: 128 },
      key, bytes.slice(17)
    ).then(function (pdf) { return pdf; }, function () { return null; });
  }

  function download(pdf) {
    var a = again.querySelector("a");
    if (a.href.indexOf("blob:") === 0) URL.revokeObjectURL(a.href);
    a.href = URL.createObjectURL(new Blob([pdf], { type: "application/pdf" }));
    a.setAttribute("download", year + "年报名回执.pdf");
    again.hidden = false;
    a.click();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;
    again.hidden = true;
    var id = normaliseId(idInput.value);
    var name = normaliseName(nameInput.value);
    var phone = normalisePhone(phoneInput.value);
    var problem = idProblem(id);
    if (problem) { say(problem, true); idInput.focus(); return; }
    if (!name) { say("请输入姓名。", true); nameInput.focus(); return; }
    if (!/^1[3-9]\d{9}$/.test(phone)) { say("手机号应为11位，以1开头。", true); phoneInput.focus(); return; }
    if (!window.crypto || !crypto.subtle) {
      say("本页须通过 https 打开才能查找回执。", true);
      return;
    }
    busy = true;
    say("正在查找……", false);
    derive(id, name, phone).then(function (found) {
      return fetch(found.name + ".bin", { cache: "no-store" }).then(function (r) {
        if (r.status === 404) return say(NOT_FOUND, true);
        if (!r.ok) return say("暂时无法查找（服务器返回 " + r.status + "），请稍后再试。", true);
        return r.arrayBuffer().then(function (file) { return open(file, found.key); }).then(function (pdf) {
          if (!pdf) return say(NOT_FOUND, true);
          say("已找到回执，开始下载。", false);
          download(pdf);
        });
      });
    }).catch(function () {
      say("暂时无法连接，请检查网络后再试。", true);
    }).then(function () { busy = false; });
  });
})();
