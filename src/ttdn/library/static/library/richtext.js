/* Rich-text editor of the CSDL TTĐN, ours and dependency-free: a toolbar over a contenteditable
   area that writes clean HTML back into the original <textarea> (on every input and on submit).
   Without JavaScript the textarea stays as it is. The cleaning below keeps the tag set of the
   server's allow-list (ttdn/library/html.py); the server's nh3 sanitising remains the authority.
   Keyboard: Tab reaches the toolbar (arrow keys, Home, End move along it), Alt+F10 goes from the
   text to the toolbar, Esc back; Ctrl+B, Ctrl+I, Ctrl+K (link) in the text. */
(function () {
  "use strict";

  var ALLOWED = tagSet("P BR STRONG EM U S SUB SUP UL OL LI H2 H3 H4 BLOCKQUOTE A TABLE THEAD " +
    "TBODY TR TH TD CAPTION FIGURE FIGCAPTION HR");
  // Dropped with everything inside them (the server drops these too, or their text is noise).
  var DROP = tagSet("SCRIPT STYLE IFRAME FRAME OBJECT EMBED APPLET TEMPLATE NOSCRIPT SVG MATH " +
    "HEAD TITLE META LINK BASE IMG PICTURE VIDEO AUDIO SOURCE TRACK CANVAS INPUT BUTTON SELECT " +
    "TEXTAREA OPTION FORM");
  var RENAME = { B: "STRONG", I: "EM", STRIKE: "S", DEL: "S", INS: "U", H1: "H2", H5: "H4",
    H6: "H4", DIV: "P", PRE: "P", SECTION: "P", ARTICLE: "P", HEADER: "P", FOOTER: "P",
    MAIN: "P", ASIDE: "P", NAV: "P", ADDRESS: "P", CENTER: "P", DT: "P", DD: "P" };
  var BLOCKS = tagSet("P DIV UL OL LI H1 H2 H3 H4 H5 H6 BLOCKQUOTE TABLE FIGURE HR PRE SECTION " +
    "ARTICLE HEADER FOOTER MAIN ASIDE NAV ADDRESS CENTER DL DT DD");
  var ATTRIBUTES = { A: ["href", "title"], TH: ["scope"], TD: ["colspan", "rowspan"] };
  var COMMANDS = [
    ["bold", "bold"], ["italic", "italic"], ["heading", "H2"], ["list", "insertUnorderedList"],
    ["numbered", "insertOrderedList"], ["quote", "BLOCKQUOTE"], ["link", "link"], ["clear", "clear"]
  ];

  function tagSet(names) {
    var set = {};
    names.split(" ").forEach(function (name) { set[name] = true; });
    return set;
  }

  function safeHref(value) {
    var href = (value || "").trim();
    // http(s), mailto, or relative (no scheme before the first / ? #): as the server allows.
    return /^(https?:|mailto:)/i.test(href) || (href && !/^[^\/?#]*:/.test(href)) ? href : "";
  }

  function hasBlock(element) {
    for (var n = element.firstElementChild; n; n = n.nextElementSibling) {
      if (BLOCKS[n.nodeName.toUpperCase()]) return true;
    }
    return false;
  }

  function styled(element, tag) {
    // Word and office suites mark bold/italic with styles; Google Docs wraps a whole paste in
    // <b style="font-weight:normal">, which is not bold at all.
    var style = element.getAttribute("style") || "";
    if (tag === "STRONG" && /font-weight\s*:\s*(normal|[1-4]00)/i.test(style)) return "";
    if (tag === "SPAN" && /font-weight\s*:\s*(bold|[6-9]00)/i.test(style)) return "STRONG";
    if (tag === "SPAN" && /font-style\s*:\s*italic/i.test(style)) return "EM";
    return tag;
  }

  function cleanInto(from, into) {
    for (var node = from.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) into.appendChild(document.createTextNode(node.nodeValue));
      else if (node.nodeType === 1) cleanElement(node, into);
    }
  }

  function cleanElement(element, into) {
    var tag = element.nodeName.toUpperCase();
    if (DROP[tag]) return;
    tag = styled(element, RENAME[tag] || tag);
    if (!ALLOWED[tag] || (tag === "P" && hasBlock(element))) {
      cleanInto(element, into); // unknown or misplaced wrapper: keep its content only
      return;
    }
    var out = document.createElement(tag);
    (ATTRIBUTES[tag] || []).forEach(function (name) {
      var value = element.getAttribute(name);
      if (name === "href") value = safeHref(value);
      else if (name !== "title" && value !== null) value = /^\d{1,3}$/.test(value) ? value : null;
      if (value) out.setAttribute(name, value);
    });
    if (tag === "A" && !out.hasAttribute("href")) {
      cleanInto(element, into);
      return;
    }
    cleanInto(element, out);
    into.appendChild(out);
  }

  function cleanHtml(html) {
    // DOMParser gives an inert document: nothing in it runs or loads.
    var parsed = new DOMParser().parseFromString(html, "text/html");
    var holder = document.createElement("div");
    cleanInto(parsed.body, holder);
    return holder;
  }

  function paragraphs(holder) {
    // Text typed straight into the area (before any Enter) sits outside a block: wrap it in <p>.
    var out = document.createElement("div");
    var paragraph = null;
    while (holder.firstChild) {
      var node = holder.firstChild;
      var block = node.nodeType === 1 && BLOCKS[node.nodeName.toUpperCase()];
      if (block) {
        paragraph = null;
        out.appendChild(node);
      } else {
        if (!paragraph) paragraph = out.appendChild(document.createElement("p"));
        paragraph.appendChild(node);
      }
    }
    return out;
  }

  function serialise(area) {
    var holder = document.createElement("div");
    cleanInto(area, holder);
    var out = paragraphs(holder);
    var empty = !out.textContent.trim() && !out.querySelector("hr, table");
    return empty ? "" : out.innerHTML;
  }

  function plainToHtml(text) {
    var holder = document.createElement("div");
    text.replace(/\r\n?/g, "\n").split(/\n{2,}/).forEach(function (block) {
      if (!block.trim()) return;
      var p = holder.appendChild(document.createElement("p"));
      block.split("\n").forEach(function (line, index) {
        if (index) p.appendChild(document.createElement("br"));
        p.appendChild(document.createTextNode(line));
      });
    });
    return holder.innerHTML;
  }

  function Editor(textarea) {
    var labels = JSON.parse(textarea.getAttribute("data-richtext-labels") || "{}");
    this.textarea = textarea;
    this.labels = labels;
    this.range = null;
    this.wrapper = document.createElement("div");
    this.wrapper.className = "rte";
    this.toolbar = this.buildToolbar();
    this.area = this.buildArea();
    this.wrapper.appendChild(this.toolbar);
    this.wrapper.appendChild(this.area);
    this.wrapper.appendChild(this.hint);
    textarea.parentNode.insertBefore(this.wrapper, textarea);
    textarea.hidden = true;
    var holder = paragraphs(cleanHtml(textarea.value));
    while (holder.firstChild) this.area.appendChild(holder.firstChild);
    if (!this.area.firstChild) this.area.innerHTML = "<p><br></p>"; // typing starts in a paragraph
    this.bind();
  }

  Editor.prototype.label = function (key, index) {
    var value = this.labels[key];
    return Array.isArray(value) ? value[index || 0] : value || key;
  };

  Editor.prototype.buildToolbar = function () {
    var toolbar = document.createElement("div");
    toolbar.className = "rte-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", this.label("toolbar"));
    toolbar.setAttribute("aria-controls", this.textarea.id + "_editor");
    var self = this;
    COMMANDS.forEach(function (entry, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "rte-button rte-" + entry[0];
      button.textContent = self.label(entry[0], 0);
      button.setAttribute("aria-label", self.label(entry[0], 1));
      button.setAttribute("data-command", entry[1]);
      button.tabIndex = index === 0 ? 0 : -1; // one tab stop; arrows move inside
      if (entry[1] !== "link" && entry[1] !== "clear") button.setAttribute("aria-pressed", "false");
      toolbar.appendChild(button);
    });
    return toolbar;
  };

  Editor.prototype.buildArea = function () {
    var area = document.createElement("div");
    var textarea = this.textarea;
    area.id = textarea.id + "_editor";
    area.className = "rte-area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      if (!label.id) label.id = textarea.id + "_label";
      area.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function (event) {
        event.preventDefault();
        area.focus();
      });
    }
    var hint = document.createElement("p");
    hint.className = "help rte-hint";
    hint.id = textarea.id + "_keys";
    hint.textContent = this.label("keys");
    this.hint = hint;
    var described = (textarea.getAttribute("aria-describedby") || "").split(/\s+/);
    described.push(textarea.id + "_help", hint.id);
    area.setAttribute("aria-describedby", described.filter(function (id, index) {
      return id && described.indexOf(id) === index && (id === hint.id || document.getElementById(id));
    }).join(" "));
    return area;
  };

  Editor.prototype.bind = function () {
    var self = this;
    this.area.addEventListener("input", function () { self.sync(); });
    this.area.addEventListener("paste", function (event) { self.paste(event); });
    this.area.addEventListener("drop", function (event) { self.drop(event); });
    this.area.addEventListener("keydown", function (event) { self.areaKey(event); });
    this.area.addEventListener("focus", function () {
      document.execCommand("defaultParagraphSeparator", false, "p");
    });
    this.toolbar.addEventListener("mousedown", function (event) {
      if (!event.target.closest("button")) return;
      event.preventDefault(); // keep the text selected
      self.remember();
    });
    // Leaving the text by Tab: keep where the caret was before "selectionchange" is late.
    this.area.addEventListener("blur", function () { self.remember(); });
    this.toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (button) self.run(button.getAttribute("data-command"));
    });
    this.toolbar.addEventListener("keydown", function (event) { self.toolbarKey(event); });
    document.addEventListener("selectionchange", function () { self.remember(); });
    if (this.textarea.form) this.textarea.form.addEventListener("submit", function () { self.sync(); });
  };

  Editor.prototype.sync = function () {
    this.textarea.value = serialise(this.area);
  };

  Editor.prototype.insert = function (html) {
    if (html) document.execCommand("insertHTML", false, html);
    this.sync();
  };

  Editor.prototype.paste = function (event) {
    var data = event.clipboardData;
    if (!data) return;
    event.preventDefault();
    var html = data.getData("text/html");
    this.insert(html ? cleanHtml(html).innerHTML : plainToHtml(data.getData("text/plain")));
  };

  Editor.prototype.drop = function (event) {
    var data = event.dataTransfer;
    if (!data || !(data.getData("text/html") || data.getData("text/plain"))) {
      event.preventDefault(); // files are added under "Ảnh" or "Tệp đính kèm", not here
      return;
    }
    event.preventDefault();
    var html = data.getData("text/html");
    this.insert(html ? cleanHtml(html).innerHTML : plainToHtml(data.getData("text/plain")));
  };

  Editor.prototype.remember = function () {
    var selection = window.getSelection();
    if (!selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    if (!this.area.contains(range.commonAncestorContainer)) return;
    this.range = range.cloneRange();
    this.refresh();
  };

  Editor.prototype.restore = function () {
    this.area.focus();
    if (!this.range) return;
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(this.range);
  };

  Editor.prototype.block = function () {
    var node = this.range ? this.range.startContainer : null;
    while (node && node !== this.area) {
      if (node.nodeType === 1 && /^(H[1-6]|BLOCKQUOTE)$/.test(node.nodeName)) return node.nodeName;
      node = node.parentNode;
    }
    return "";
  };

  Editor.prototype.refresh = function () {
    var current = this.block();
    var buttons = this.toolbar.querySelectorAll("[aria-pressed]");
    for (var i = 0; i < buttons.length; i++) {
      var command = buttons[i].getAttribute("data-command");
      var on = /^[A-Z]/.test(command) ? current === command : document.queryCommandState(command);
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
  };

  Editor.prototype.run = function (command) {
    this.restore();
    if (command === "link") this.link();
    else if (command === "clear") {
      document.execCommand("removeFormat");
      document.execCommand("unlink");
      document.execCommand("formatBlock", false, "<p>");
    } else if (/^[A-Z]/.test(command)) {
      document.execCommand("formatBlock", false, this.block() === command ? "<p>" : "<" + command + ">");
    } else document.execCommand(command);
    this.sync();
    this.remember();
  };

  Editor.prototype.link = function () {
    var node = this.range ? this.range.startContainer : null;
    var anchor = node && (node.nodeType === 1 ? node : node.parentNode).closest("a");
    if (anchor && !this.area.contains(anchor)) anchor = null;
    var answer = window.prompt(this.label("link_prompt"), anchor ? anchor.getAttribute("href") : "https://");
    this.restore();
    if (answer === null) return;
    if (!answer.trim() || answer.trim() === "https://") {
      if (anchor) {
        var range = document.createRange();
        range.selectNodeContents(anchor);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        document.execCommand("unlink");
      }
      return;
    }
    var href = safeHref(answer);
    if (!href) {
      window.alert(this.label("link_invalid"));
      return;
    }
    if (this.range && !this.range.collapsed) document.execCommand("createLink", false, href);
    else {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = href;
      document.execCommand("insertHTML", false, a.outerHTML);
    }
  };

  Editor.prototype.areaKey = function (event) {
    if (event.altKey && event.key === "F10") {
      event.preventDefault();
      this.remember(); // now: "selectionchange" comes later, maybe after the focus has moved
      (this.toolbar.querySelector('[tabindex="0"]') || this.toolbar.firstChild).focus();
    } else if ((event.ctrlKey || event.metaKey) && (event.key === "k" || event.key === "K")) {
      event.preventDefault();
      this.run("link");
    }
  };

  Editor.prototype.toolbarKey = function (event) {
    var buttons = Array.prototype.slice.call(this.toolbar.querySelectorAll("button"));
    var index = buttons.indexOf(document.activeElement);
    var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (event.key === "Escape") {
      event.preventDefault();
      this.restore();
      return;
    }
    if (next === undefined || index < 0) return;
    event.preventDefault();
    next = (next + buttons.length) % buttons.length;
    buttons.forEach(function (button, i) { button.tabIndex = i === next ? 0 : -1; });
    buttons[next].focus();
  };

  function start() {
    var textareas = document.querySelectorAll("textarea[data-richtext]");
    for (var i = 0; i < textareas.length; i++) new Editor(textareas[i]);
  }

  window.ttdnRichText = { clean: function (html) { return cleanHtml(html).innerHTML; } };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
