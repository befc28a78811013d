/* The phone page (ES2017, no framework): join by name (or a new name, when walk-ins are
   allowed), add ideas, edit or withdraw your own, vote privately (dots, hand in, take back),
   see the revealed result, then follow along: the selected OKRs, the sign-off, the handout,
   and answer the retrospective's questions once the facilitator starts it.
   Texts from the plan are data: they go into the page with textContent, never as HTML. */
(function () {
  "use strict";

  var TEXTS = {
    en: {
      other: "中文", pick: "Pick your name", you: "You are {name}",
      pending: "Another phone holds this name: wait for the facilitator to approve this one.",
      phase: "Now: {phase}", idea: "Your idea", add: "Add idea", wall: "The wall",
      edit: "Edit", withdraw: "Withdraw", editPrompt: "Edit your idea", withdrawn: "Withdrawn.",
      added: "Added.", offline: "No connection to the laptop: trying again…",
      offlineWrite: "No connection to the laptop: check the Wi-Fi, then tap again.",
      ballot: "Your ballot", runoff: "Your run-off ballot",
      limits: "{budget} dots, at most {cap} on one · {left} left",
      handIn: "Hand in", takeBack: "Take back", handedInDone: "Handed in.",
      takenBack: "Taken back: place your dots again.",
      handedIn: "Your ballot is in. To change it, take it back: your dots are cleared.",
      closed: "Voting is closed: the result comes next.", result: "The result",
      dots: "{dots} dots", dot: "{dots} dot", more: "One more dot on {title}", fewer: "Take a dot back from {title}",
      notListed: "My name is not on the list", yourName: "Your name", joinAs: "Join",
      waitingTitle: "Waiting for the facilitator",
      waiting: "The name {name} is already taking part (on another phone, or it has voted at the booth). Once the facilitator approves this phone, you take part from here.",
      tabResult: "Result", tabOkrs: "OKRs", tabHandout: "Handout", okrs: "Our OKRs",
      noResult: "No vote result was revealed.", signoffPending: "Waiting for sign-off.",
      approved: "Approved by {signer}, {when}.", returned: "Returned by the signer: {reason}",
      returnedNotes: "Returned by the signer, with these notes:", note: "{objective}: {comment}",
      handout: "The handout", handoutReady: "The agreed OKRs as a PDF to keep.",
      download: "Download the handout (PDF)",
      handoutLater: "The handout can be downloaded once the workshop is signed off.",
      retro: "Retrospective · question {number} of 4", answer: "Your answer", addAnswer: "Add answer",
      answerAdded: "Added: the facilitator gathers the answers on the projector.",
      yourAnswers: "Your answers here go to the facilitator; no other phone sees them.",
      grouped: "On the wall", takeBackAnswer: "Take back", answerTakenBack: "Taken back.",
      phases: { setup: "Setup", brainstorm: "Brainstorm", group: "Group", vote: "Vote",
        select: "Select", signoff: "Sign-off", "export": "Handout" }
    },
    zh_CN: {
      other: "English", pick: "请选择你的姓名", you: "你是 {name}",
      pending: "另一部手机已使用此姓名：请等待主持人批准此手机。",
      phase: "当前阶段：{phase}", idea: "你的想法", add: "添加想法", wall: "想法墙",
      edit: "修改", withdraw: "撤回", editPrompt: "修改你的想法", withdrawn: "已撤回。",
      added: "已添加。", offline: "无法连接到电脑：正在重试……",
      offlineWrite: "无法连接到电脑：请检查 Wi-Fi 后再点一次。",
      ballot: "你的选票", runoff: "你的决选选票",
      limits: "共 {budget} 票，每项最多 {cap} 票 · 还剩 {left} 票",
      handIn: "提交选票", takeBack: "取回重投", handedInDone: "已提交。",
      takenBack: "已取回：请重新投票。",
      handedIn: "你的选票已提交。如需修改，请取回：你的票将清空。",
      closed: "投票已结束：稍后公布结果。", result: "投票结果",
      dots: "{dots} 票", dot: "{dots} 票", more: "给“{title}”加一票", fewer: "从“{title}”撤回一票",
      notListed: "名单上没有我的名字", yourName: "你的姓名", joinAs: "加入",
      waitingTitle: "等待主持人批准",
      waiting: "姓名「{name}」已在参与（另一部手机上，或已在投票台投票）。主持人批准此手机后，你就可以在这里参与。",
      tabResult: "结果", tabOkrs: "OKR", tabHandout: "讲义", okrs: "我们的 OKR",
      noResult: "没有公布的投票结果。", signoffPending: "等待签批。",
      approved: "已由 {signer} 批准，{when}。", returned: "签批人退回：{reason}",
      returnedNotes: "签批人退回，意见如下：", note: "{objective}：{comment}",
      handout: "讲义", handoutReady: "商定的 OKR，PDF 格式，可保存。",
      download: "下载讲义（PDF）",
      handoutLater: "研讨会签批后即可下载讲义。",
      retro: "复盘 · 第 {number} 题（共 4 题）", answer: "你的回答", addAnswer: "提交回答",
      answerAdded: "已提交：主持人会在投影上汇总大家的回答。",
      yourAnswers: "你在这里的回答交给主持人，其他手机看不到。",
      grouped: "已上墙", takeBackAnswer: "撤回", answerTakenBack: "已撤回。",
      phases: { setup: "准备", brainstorm: "头脑风暴", group: "归类", vote: "投票",
        select: "选定", signoff: "签批", "export": "讲义" }
    }
  };

  var match = /^(.*\/r\/([^/]+)\/)/.exec(location.pathname);
  var base = match ? match[1] : "/";
  var storageKey = "okrdesk-room-" + (match ? match[2] : "");
  var query = new URLSearchParams(location.search);
  var language = pickLanguage(query.get("lang") || navigator.language || "");
  var token = null;
  var socket = null;
  var voting = false;  // a dot or a hand-in is on its way: one at a time
  var walkInKey = null;  // kept until the walk-in is answered: a second tap is the same request
  var unanswered = {};  // a write not yet answered, by kind: {what, key}
  var offlineShown = false;  // the status says the laptop is out of reach
  var tab = null;  // the follow-along tab the person chose (null: the newest news)
  var followRead = 0;  // when the follow-along screen (and its handout link) was last read
  var FOLLOWING = ["select", "signoff", "export"];
  try { token = localStorage.getItem(storageKey); } catch (e) { token = null; }

  function pickLanguage(asked) {
    return asked.toLowerCase().indexOf("zh") === 0 ? "zh_CN" : "en";
  }
  // A direction control in a name or a title (U+202E turns what follows around) stays inside
  // it: the value is isolated (FSI … PDI), so the rest of the sentence reads as written.
  var DIRECTION = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
  var ISOLATES = /[\u2066-\u2069]/g;  // a value's own would end ours early: taken out
  function t(id, params) {
    var text = TEXTS[language][id];
    Object.keys(params || {}).forEach(function (name) {
      var value = String(params[name]);
      if (DIRECTION.test(value)) { value = "\u2068" + value.replace(ISOLATES, "") + "\u2069"; }
      text = text.split("{" + name + "}").join(value);
    });
    return text;
  }
  function el(id) { return document.getElementById(id); }
  function show(message, refused) {
    offlineShown = false;
    el("status").textContent = message || "";
    el("status").className = refused ? "refused" : "";
  }
  function newKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  // The key of a write: a second tap on the same thing after no answer is the same request
  // (the laptop may have the first already), anything else a new one.
  function tapKey(kind, what) {
    var last = unanswered[kind];
    if (!last || last.what !== what) { last = unanswered[kind] = { what: what, key: newKey() }; }
    return last.key;
  }

  async function api(method, path, body, key) {
    var headers = { "Accept": "application/json" };
    if (token) { headers.Authorization = "Bearer " + token; }
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    if (key) { headers["Idempotency-Key"] = key; }
    var options = { method: method, headers: headers };
    if (body !== undefined) { options.body = JSON.stringify(body); }
    var url = base + path + "?lang=" + language;
    var response;
    for (var attempt = 0; ; attempt += 1) {
      try {
        response = await fetch(url, options);
        break;
      } catch (error) {
        // A write is retried with the same key: the laptop answers it once.
        // Out of reach: a read is tried again by the next poll, a write only by another tap.
        if (attempt >= 2) {
          // A poll failing too does not hide what a tap that found no laptop was told.
          if (key || !offlineShown) { show(t(key ? "offlineWrite" : "offline"), true); }
          offlineShown = true;
          throw error;
        }
        await new Promise(function (done) { setTimeout(done, 700); });
      }
    }
    if (offlineShown) { show(""); }  // the laptop answers again
    var data = await response.json().catch(function () { return {}; });
    if (!response.ok) {
      var message = data.error ? data.error.message : String(response.status);
      if (response.status === 401) { forget(); }
      show(message, true);
      throw new Error(message);
    }
    return data;
  }

  function forget() {
    token = null;
    try { localStorage.removeItem(storageKey); } catch (e) { /* private mode */ }
    if (socket) { socket.close(); socket = null; }
    loadPeople();
  }

  function paintTexts() {
    document.documentElement.lang = language === "zh_CN" ? "zh-CN" : "en";
    el("language").textContent = t("other");
    el("pick-name").textContent = t("pick");
    el("idea-label").textContent = t("idea");
    el("add-button").textContent = t("add");
    el("wall-title").textContent = t("wall");
    el("hand-in").textContent = t("handIn");
    el("take-back").textContent = t("takeBack");
    el("walk-in-open").textContent = t("notListed");
    el("walk-in-label").textContent = t("yourName");
    el("walk-in-button").textContent = t("joinAs");
    el("waiting-title").textContent = t("waitingTitle");
    el("tab-result").textContent = t("tabResult");
    el("tab-okrs").textContent = t("tabOkrs");
    el("tab-handout").textContent = t("tabHandout");
    el("result-title").textContent = t("result");
    el("okrs-title").textContent = t("okrs");
    el("handout-title").textContent = t("handout");
    el("handout-link").textContent = t("download");
    el("retro-label").textContent = t("answer");
    el("retro-button").textContent = t("addAnswer");
    el("retro-note").textContent = t("yourAnswers");
  }

  async function loadPeople() {
    el("room").hidden = true;
    el("waiting").hidden = true;
    var data = await api("GET", "api/people");
    var list = el("names");
    list.textContent = "";
    data.people.forEach(function (person) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = person.name;
      button.addEventListener("click", function () { join(person.id); });
      item.appendChild(button);
      list.appendChild(item);
    });
    el("walk-in-open").hidden = !data.walk_ins || !el("walk-in").hidden;
    if (!data.walk_ins) { el("walk-in").hidden = true; }
    el("people").hidden = false;
  }

  async function join(participantId) {
    // The key makes the token: a retry after a lost reply gets the same phone, not a second
    // one waiting for approval of this person's own name.
    var key = tapKey("join", participantId);  // a second tap on the name after no answer too
    joined(await api("POST", "api/join", { participant_id: participantId }, key));
    delete unanswered.join;
  }

  async function walkIn(name) {
    walkInKey = walkInKey || newKey();
    joined(await api("POST", "api/walkin", { name: name }, walkInKey));
    walkInKey = null;
  }

  function joined(data) {
    token = data.token;
    try { localStorage.setItem(storageKey, token); } catch (e) { /* kept for this visit */ }
    el("people").hidden = true;
    show("");
    connect();
    refresh();
  }

  async function refresh() {
    if (!token) { return; }
    var state = await api("GET", "api/state");
    el("title").textContent = state.workshop_title;
    el("people").hidden = true;
    // A phone waiting for approval sees that, and nothing of the room until approved.
    el("waiting").hidden = !state.pending;
    el("room").hidden = state.pending;
    if (state.pending) {
      el("waiting-text").textContent = t("waiting", { name: state.name });
      return;
    }
    el("me").textContent = t("you", { name: state.name });
    el("phase").textContent = t("phase", { phase: TEXTS[language].phases[state.phase] || state.phase });
    el("add").hidden = !state.can_write_ideas;
    var list = el("cards");
    list.textContent = "";
    state.cards.forEach(function (card) { list.appendChild(cardItem(card, state.can_write_ideas)); });
    el("wall-title").hidden = !state.can_write_ideas && state.cards.length === 0;
    if (state.phase === "vote") {
      paintBallot(await api("GET", "api/ballot"));
    } else {
      el("vote").hidden = true;
    }
    if (FOLLOWING.indexOf(state.phase) >= 0) {
      paintFollow(await api("GET", "api/follow"));
      paintRetro((await api("GET", "api/retro")).retro);
    } else {
      el("follow").hidden = true;
      el("retro").hidden = true;
      followRead = 0;
    }
  }

  // After sign-off, once the facilitator starts the retrospective: the question the room is
  // on, and this person's own answers to it (taken back until the facilitator groups them).
  function paintRetro(retro) {
    el("retro").hidden = !retro;
    if (!retro) { return; }
    el("retro-title").textContent = t("retro", { number: retro.number });
    el("retro-question").textContent = retro.text;
    var list = el("retro-answers");
    list.textContent = "";
    retro.answers.forEach(function (answer) {
      var item = document.createElement("li");
      item.className = "own";
      var text = document.createElement("span");
      text.textContent = answer.text;
      item.appendChild(text);
      if (answer.grouped) {
        var mark = document.createElement("span");
        mark.className = "author";
        mark.textContent = t("grouped");
        item.appendChild(mark);
      } else {
        var actions = document.createElement("div");
        actions.className = "actions";
        actions.appendChild(action(t("takeBackAnswer"), function () {
          api("DELETE", "api/retro/answers/" + answer.id, undefined, newKey()).then(function () {
            show(t("answerTakenBack"));
            refresh();
          }, function () {});
        }));
        item.appendChild(actions);
      }
      list.appendChild(item);
    });
  }

  // After the vote: the result, the selected OKRs and the sign-off, then the handout.
  function paintFollow(follow) {
    followRead = Date.now();
    el("follow").hidden = false;
    var result = follow.result;
    el("no-result").textContent = t("noResult");
    el("no-result").hidden = !!result;
    var standings = el("follow-standings");
    standings.textContent = "";
    if (result) {
      result.standings.forEach(function (row, index) {
        standings.appendChild(standingItem(row, index === result.cutoff && index > 0));
      });
    }
    paintSignoff(follow.signoff);
    var objectives = el("objectives");
    objectives.textContent = "";
    follow.objectives.forEach(function (objective, index) {
      objectives.appendChild(objectiveItem(objective, index + 1));
    });
    var link = el("handout-link");
    link.hidden = !follow.handout_url;
    if (follow.handout_url) {
      link.href = base + follow.handout_url + "&lang=" + language;
    } else {
      link.removeAttribute("href");
    }
    el("handout-text").textContent = t(follow.handout_url ? "handoutReady" : "handoutLater");
    var newest = follow.handout_url ? "handout" : (follow.objectives.length ? "okrs" : "result");
    showTab(tab || newest);
  }

  function paintSignoff(signoff) {
    var box = el("signoff");
    box.textContent = "";
    box.hidden = !signoff;
    if (!signoff) { return; }
    box.className = "signoff " + signoff.status;
    var line = document.createElement("p");
    if (signoff.status === "approved") {
      var when = new Date(signoff.at);
      var shown = isNaN(when.getTime()) ? signoff.at : when.toLocaleString(language === "zh_CN" ? "zh-CN" : "en-GB", {
        year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit"
      });
      line.textContent = t("approved", { signer: signoff.signer, when: shown });
    } else if (signoff.status === "returned") {
      line.textContent = signoff.reason ? t("returned", { reason: signoff.reason }) : t("returnedNotes");
    } else {
      line.textContent = t("signoffPending");
    }
    box.appendChild(line);
    if (signoff.notes.length) {
      var notes = document.createElement("ul");
      signoff.notes.forEach(function (note) {
        var item = document.createElement("li");
        item.textContent = t("note", { objective: note.objective, comment: note.comment });
        notes.appendChild(item);
      });
      box.appendChild(notes);
    }
  }

  function objectiveItem(objective, number) {
    var item = document.createElement("li");
    var head = document.createElement("div");
    head.className = "head";
    head.appendChild(span("number", number + "."));
    head.appendChild(span("title", objective.title));
    item.appendChild(head);
    if (objective.key_results.length) {
      var krs = document.createElement("ul");
      krs.className = "krs";
      objective.key_results.forEach(function (kr) {
        var line = document.createElement("li");
        line.textContent = kr;
        krs.appendChild(line);
      });
      item.appendChild(krs);
    }
    return item;
  }

  function showTab(name) {
    ["result", "okrs", "handout"].forEach(function (panel) {
      el("panel-" + panel).hidden = panel !== name;
      el("tab-" + panel).setAttribute("aria-selected", panel === name ? "true" : "false");
    });
  }

  // The vote: this phone's own dots only; after the reveal, the result as the room sees it.
  function paintBallot(ballot) {
    el("vote").hidden = ballot.round_number === null;
    var result = ballot.result;
    el("vote-title").textContent = result ? t("result") : t(ballot.runoff ? "runoff" : "ballot");
    el("vote-limits").hidden = !!result;
    el("vote-limits").textContent = t("limits", {
      budget: ballot.budget, cap: ballot.cap, left: ballot.dots_left
    });
    var note = "";
    if (!result && ballot.handed_in) { note = t("handedIn"); } else if (!result && !ballot.voting) { note = t("closed"); }
    el("vote-note").textContent = note;
    el("vote-note").hidden = !note;
    var list = el("candidates");
    list.textContent = "";
    ballot.candidates.forEach(function (candidate) { list.appendChild(candidateItem(candidate, ballot)); });
    el("vote-actions").hidden = !!result || !ballot.voting;
    el("hand-in").hidden = ballot.handed_in;
    el("hand-in").disabled = ballot.placed === 0;
    el("take-back").hidden = !ballot.handed_in;
    var standings = el("standings");
    standings.textContent = "";
    if (result) {
      result.standings.forEach(function (row, index) {
        standings.appendChild(standingItem(row, index === result.cutoff && index > 0));
      });
    }
  }

  function candidateItem(candidate, ballot) {
    var item = document.createElement("li");
    item.className = candidate.dots ? "chosen" : "";
    var head = document.createElement("div");
    head.className = "head";
    head.appendChild(span("number", candidate.number + "."));
    head.appendChild(span("title", candidate.title));
    item.appendChild(head);
    if (candidate.key_results.length) {
      var krs = document.createElement("ul");
      krs.className = "krs";
      candidate.key_results.forEach(function (kr) {
        var line = document.createElement("li");
        line.textContent = kr;
        krs.appendChild(line);
      });
      item.appendChild(krs);
    }
    var row = document.createElement("div");
    row.className = "dots";
    var fewer = dotButton("−", t("fewer", { title: candidate.title }), !candidate.can_take_back, function () {
      vote("DELETE", "api/dots/" + candidate.objective_id);
    });
    var count = "●".repeat(candidate.dots) + "○".repeat(Math.max(0, ballot.cap - candidate.dots));
    var shown = span("count", count);
    shown.setAttribute("aria-label", t(candidate.dots === 1 ? "dot" : "dots", { dots: candidate.dots }));
    var more = dotButton("+", t("more", { title: candidate.title }), !candidate.can_add, function () {
      vote("POST", "api/dots", { objective_id: candidate.objective_id });
    });
    row.appendChild(fewer);
    row.appendChild(shown);
    row.appendChild(more);
    item.appendChild(row);
    return item;
  }

  function standingItem(row, cut) {
    var item = document.createElement("li");
    var seated = ["in", "won_runoff", "chosen_by_decision"].indexOf(row.status) >= 0;
    item.className = (seated ? "seated" : "") + (cut ? " cut" : "");
    item.appendChild(span("rank", String(row.rank)));
    item.appendChild(span("title", row.title));
    item.appendChild(span("dots", t(row.dots === 1 ? "dot" : "dots", { dots: row.dots })));
    return item;
  }

  function span(className, text) {
    var node = document.createElement("span");
    node.className = className;
    node.textContent = text;
    return node;
  }

  function dotButton(label, name, disabled, handler) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.setAttribute("aria-label", name);
    button.disabled = disabled;
    button.addEventListener("click", handler);
    return button;
  }

  function vote(method, path, body, done) {
    if (voting) { return; }
    voting = true;
    // A tap again after no answer is the same dot (or hand-in): the laptop may have it already.
    var key = tapKey("vote", method + " " + path + " " + JSON.stringify(body || null));
    api(method, path, body, key).then(function () {
      delete unanswered.vote;
      show(done || "");
    }, function () {}).then(function () {
      voting = false;
      return refresh();
    }).catch(function () {});
  }

  function cardItem(card, editable) {
    var item = document.createElement("li");
    item.className = card.own ? "own" : "";
    var text = document.createElement("span");
    text.textContent = card.text;
    item.appendChild(text);
    if (card.author) {
      var author = document.createElement("span");
      author.className = "author";
      author.textContent = card.author;
      item.appendChild(author);
    }
    if (card.own && editable) {
      var actions = document.createElement("div");
      actions.className = "actions";
      actions.appendChild(action(t("edit"), function () {
        var changed = prompt(t("editPrompt"), card.text);
        if (changed !== null && changed.trim()) {
          api("PATCH", "api/ideas/" + card.id, { text: changed }, newKey()).then(refresh, function () {});
        }
      }));
      actions.appendChild(action(t("withdraw"), function () {
        api("DELETE", "api/ideas/" + card.id, undefined, newKey()).then(function () {
          show(t("withdrawn"));
          refresh();
        }, function () {});
      }));
      item.appendChild(actions);
    }
    return item;
  }

  function action(label, handler) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "quiet";
    button.textContent = label;
    button.addEventListener("click", handler);
    return button;
  }

  function connect() {
    if (!token || socket || !window.WebSocket) { return; }
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + base + "ws");
    socket.onopen = function () { socket.send(JSON.stringify({ token: token })); };
    socket.onmessage = function () { refresh().catch(function () {}); };
    socket.onclose = function () {
      socket = null;
      setTimeout(connect, 3000);
    };
  }

  el("add").addEventListener("submit", function (event) {
    event.preventDefault();
    var box = el("idea");
    var text = box.value;
    if (!text.trim()) { return; }
    api("POST", "api/ideas", { text: text }, tapKey("idea", text)).then(function () {
      delete unanswered.idea;
      box.value = "";
      show(t("added"));
      refresh();
    }, function () {});
  });
  el("retro-add").addEventListener("submit", function (event) {
    event.preventDefault();
    var box = el("retro-answer");
    var text = box.value;
    if (!text.trim()) { return; }
    api("POST", "api/retro/answers", { text: text }, tapKey("answer", text)).then(function () {
      delete unanswered.answer;
      box.value = "";
      show(t("answerAdded"));
      refresh();
    }, function () {});
  });
  el("hand-in").addEventListener("click", function () {
    vote("POST", "api/handin", undefined, t("handedInDone"));
  });
  el("take-back").addEventListener("click", function () {
    vote("POST", "api/takeback", undefined, t("takenBack"));
  });
  ["result", "okrs", "handout"].forEach(function (panel) {
    el("tab-" + panel).addEventListener("click", function () {
      tab = panel;
      showTab(panel);
    });
  });
  el("walk-in-open").addEventListener("click", function () {
    el("walk-in-open").hidden = true;
    el("walk-in").hidden = false;
    el("walk-in-name").focus();
  });
  el("walk-in").addEventListener("submit", function (event) {
    event.preventDefault();
    var name = el("walk-in-name").value;
    if (!name.trim()) { return; }
    walkIn(name).catch(function () {});
  });
  el("language").addEventListener("click", function () {
    language = language === "en" ? "zh_CN" : "en";
    paintTexts();
    if (token) { refresh().catch(function () {}); }
  });

  paintTexts();
  // Polling keeps the page current where a network blocks WebSockets.
  // The handout link is signed for a while: read a fresh one every minute while it shows.
  setInterval(function () {
    var polling = !socket || socket.readyState !== 1;
    var stale = followRead && Date.now() - followRead > 60000;
    // Out of reach (a socket may look open after the Wi-Fi dropped): poll until answered.
    if (token && (polling || stale || offlineShown)) { refresh().catch(function () {}); }
  }, 5000);
  if (token) { connect(); refresh().catch(function () {}); } else { loadPeople().catch(function () {}); }
}());
