// The grader's own messages in Chinese and English. Exercise texts (titles, clauses, hints) live in the
// exercise data; this table is only for what the grader itself says.
import { answerMessages } from "./messages/answers.js";
import { errorMessages } from "./messages/errors.js";
import { helpMessages } from "./messages/help.js";
import { initMessages } from "./messages/init.js";
import { reportMessages } from "./messages/report.js";

export type Lang = "zh" | "en";
export type Bilingual = { zh: string; en: string };

export function detectLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale || "";
  return /^zh/i.test(locale) ? "zh" : "en";
}

const messages = {
  initWrote: { en: "wrote {file}", zh: "已写入 {file}" },
  initNotOverwriting: {
    en: "Not overwriting your work: {files} already exists (add --force to replace it).",
    zh: "不会覆盖你的文件：{files} 已经存在（加上 --force 才会替换）。",
  },
  noReplyWord: { en: "no reply", zh: "没有回复" },
  serverStillRunning: { en: "the server still running", zh: "服务器仍在运行" },
  patternClient: { en: "<address:port of {name}>", zh: "<{name} 的地址:端口>" },
  patternCount: { en: "<datagrams sent by {name}>", zh: "<{name} 已发送的数据报数>" },
  patternNonEmpty: { en: "<non-empty message>", zh: "<非空的消息>" },
  ranFor: { en: "{how} after {seconds} s", zh: "{how}，运行了 {seconds} 秒" },
  roleGrader: { en: "grader", zh: "评分器" },
  roleDecoy: { en: "grader (decoy)", zh: "评分器（干扰）" },
  roleProgram: { en: "program", zh: "程序" },
  roleServer: { en: "server", zh: "服务器" },
  clientCopies: { en: " ({n} copies at once, with TEXT {texts})", zh: "（同时运行 {n} 个，TEXT 分别为 {texts}）" },
  clientServerDoes: { en: "; server: {actions}", zh: "；服务器：{actions}" },
  serverWaits: { en: "wait {ms} ms", zh: "等待 {ms} ms" },
  serverAwaitsCopies: { en: "wait until every copy has sent (at most {ms} ms)", zh: "等待每个副本都发出请求（最多 {ms} ms）" },
  serverReplies: { en: "reply {payload}", zh: "回复 {payload}" },
  serverDecoy: { en: "decoy from another port {payload}", zh: "从另一个端口发来的干扰数据报 {payload}" },
  serverDecoyFromHost: { en: "decoy from {host} {payload}", zh: "从 {host} 发来的干扰数据报 {payload}" },
  serverDecoyFromServerPort: { en: "decoy from {host} on the server's own port {payload}", zh: "从 {host} 上与服务器相同的端口发来的干扰数据报 {payload}" },
  serverSilent: { en: "stays silent", zh: "不回复" },
  expectRequest: { en: "request {pattern}", zh: "请求 {pattern}" },
  expectStdoutReply: { en: "stdout: the reply as one line of JSON", zh: "stdout：回复，一行 JSON" },
  expectStdoutEmpty: { en: "stdout: nothing", zh: "stdout：什么都不打印" },
  expectExitCode: { en: "exit code {code}", zh: "退出码 {code}" },
  expectStderr: { en: "a message on stderr", zh: "stderr 上有一条消息" },
  expectEndsWithin: { en: "ended within {ms} ms of its request", zh: "发出请求后 {ms} ms 内结束" },
  expectEndsNotBefore: { en: "not ended sooner than {ms} ms after it started", zh: "启动后至少 {ms} ms 才结束" },
  expectOnlyIfRequest: { en: "(counted only once the request was sent)", zh: "（只有发出了请求才计分）" },
  expectOnlyIfReplyShown: { en: "(counted only once the request was sent and the reply printed)", zh: "（只有发出了请求并打印了回复才计分）" },
  warnStrayLines: {
    en: "ignored {n} line(s) the program wrote on the grader's private channel",
    zh: "忽略了程序在评分器专用通道上写的 {n} 行",
  },
  warnLinkSkipped: {
    en: "skipped {name}: a link to outside the submission folder",
    zh: "跳过了 {name}：它是指向提交文件夹之外的链接",
  },
  warnNotCopied: {
    en: "not copied: files beyond {files} files or {mib} MiB (e.g. {name})",
    zh: "未复制：超出 {files} 个文件或 {mib} MiB 的文件（例如 {name}）",
  },
  warnNoSandbox: {
    en: "no sandbox: {problem}. The student's code ran as your user, with only a temp copy, limits, output caps, time limits and a process-group kill (--sandbox bwrap refuses to grade without one).",
    zh: "没有沙箱：{problem}。学生代码以你的用户身份运行，只有临时副本、资源限制、输出上限、时间限制和进程组终止这些保护（--sandbox bwrap 在没有沙箱时拒绝评分）。",
  },
  entryMissing: {
    en: "No {entry} found in {dir} (also looked in {alt}). Save your code as {entry} in that folder.",
    zh: "在 {dir} 中找不到 {entry}（也查看了 {alt}）。请把代码保存为该文件夹中的 {entry}。",
  },
  entrySymlinkOutside: {
    en: "{entry} is a symbolic link to a file outside the submission folder; the grader only grades files inside it.",
    zh: "{entry} 是指向提交文件夹之外的符号链接；评分器只评测文件夹内的文件。",
  },
  entryNotFile: { en: "{entry} is not a regular file.", zh: "{entry} 不是普通文件。" },
  importFailed: { en: "Your module could not be imported, so no check could run.", zh: "无法导入你的模块，因此所有检查都无法运行。" },
  importRaised: { en: "Importing {entry} raised {error}", zh: "导入 {entry} 时抛出了 {error}" },
  importExited: {
    en: "The program ended while {entry} was being imported ({how}).",
    zh: "导入 {entry} 时程序结束了（{how}）。",
  },
  importSystemExit: {
    en: "{entry} called exit()/sys.exit() while being imported: module code must only define functions.",
    zh: "{entry} 在被导入时调用了 exit()/sys.exit()：模块顶层只应定义函数。",
  },
  importTimeout: {
    en: "Importing {entry} took longer than {seconds} s: does the module run a loop or wait for something at import?",
    zh: "导入 {entry} 超过了 {seconds} 秒：模块在导入时是否在循环或等待什么？",
  },
  stdinEof: {
    en: "The grader gives your program no keyboard input: input() gets end-of-file. Do not call input() in a graded module.",
    zh: "评分时没有键盘输入：input() 会读到文件结束。被评测的模块中不要调用 input()。",
  },
  functionMissing: {
    en: "{entry} defines no function {fn}() (check the name and that it is defined at the top level).",
    zh: "{entry} 中没有定义函数 {fn}()（检查名称，并确认它定义在模块顶层）。",
  },
  caseTimeout: { en: "Still running after {seconds} s (stopped).", zh: "运行超过 {seconds} 秒，已被终止。" },
  caseCrashed: {
    en: "The program ended during this call ({how}); the grader restarted it for the next cases.",
    zh: "程序在这次调用中结束了（{how}）；评分器已重新启动它以继续后面的用例。",
  },
  timedCasesRetried: {
    en: "{n} case(s) whose verdict depends on timing failed once and passed when run again ({cases}): the machine was probably busy. Run again on a quieter machine if this recurs.",
    zh: "有 {n} 个与时间有关的用例第一次未通过、重新运行后通过（{cases}）：机器当时可能很忙。如果经常出现，请在较空闲的机器上重新评分。",
  },
  copiesRanApart: {
    en: "In {n} case(s) the copies of the program that should run at the same time did not, in any run: one started more than the case's wait after the other ({cases}). The machine was probably busy; those cases could not tell whether two copies at once work. Grade again on a quieter machine.",
    zh: "有 {n} 个用例中本应同时运行的几个程序副本每次都没有同时运行：其中一个比另一个晚启动的时间超过了用例的等待时间（{cases}）。机器当时可能很忙；这些用例无法判断同时运行两个副本是否正常。请在较空闲的机器上重新评分。",
  },
  scriptStalled: {
    en: "In {n} case(s) the grader's scripted datagrams stalled in both runs, leaving longer pauses than the case says ({cases}): the machine was probably busy, and those cases could not fully test the program's retry timer. Grade again on a quieter machine.",
    zh: "有 {n} 个用例两次运行时评分器按脚本发送的数据报都卡住了，间隔比用例规定的长（{cases}）：机器当时可能很忙，这些用例无法完整检查程序的重发计时器。请在较空闲的机器上重新评分。",
  },
  budgetExhausted: {
    en: "Not run: the exercise's time budget of {seconds} s was used up by earlier cases.",
    zh: "未运行：前面的用例已用完本练习 {seconds} 秒的时间预算。",
  },
  restartFailed: {
    en: "Not run: the module could not be imported again after the previous case stopped it.",
    zh: "未运行：上一个用例结束程序后，模块无法再次导入。",
  },
  exitCode: { en: "exit code {code}", zh: "退出码 {code}" },
  killedBySignal: { en: "killed by signal {signal}", zh: "被信号 {signal} 终止" },
  raised: { en: "raised {error}", zh: "抛出了 {error}" },
  expectedRaise: { en: "expected {error} to be raised", zh: "应当抛出 {error}" },
  shouldNotRaise: { en: "The function must return an answer, never raise.", zh: "函数必须返回结果，不能抛出异常。" },
  wrongValue: { en: "Wrong value for {fields}.", zh: "{fields} 的值不正确。" },
  wrongReturn: { en: "Wrong return value.", zh: "返回值不正确。" },
  shapeInvalid: { en: "The answer does not have the required shape: {details}", zh: "返回值的结构不符合要求：{details}" },
  shapeOk: { en: "The answer has the required shape.", zh: "返回值结构正确。" },
  notBindable: {
    en: "Port {port} could not be bound for UDP on {host} right after the call ({error}): a socket is still open, or the port was not free.",
    zh: "调用刚结束时无法在 {host} 上为 UDP 绑定端口 {port}（{error}）：可能仍有套接字未关闭，或该端口本就不空闲。",
  },
  leakedSockets: {
    en: "{count} socket(s) opened by the module's functions were still open after this call returned: close every socket (use `with socket.socket(...) as s:`).",
    zh: "这次调用返回后，仍有 {count} 个由模块函数打开的套接字没有关闭：请关闭每个套接字（使用 `with socket.socket(...) as s:`）。",
  },
  caseLingering: {
    en: "The call returned while {threads} thread(s) and {processes} process(es) it started were still running: its answer is not taken (code still running could forge it), and the program was restarted.",
    zh: "调用返回时，它启动的 {threads} 个线程和 {processes} 个进程仍在运行：其结果不予采用（仍在运行的代码可能伪造结果），程序已重新启动。",
  },
  hintLingering: {
    en: "Join every thread and process a call starts before it returns: `with ThreadPoolExecutor() as pool:` inside the function, not a pool kept across calls.",
    zh: "返回之前 join 每个线程、等待每个子进程结束：在函数内部使用 `with ThreadPoolExecutor(...) as pool:` 可以做到；放在全局变量里跨调用复用的线程池不行。",
  },
  importLingering: {
    en: "Importing {entry} left {threads} thread(s) and {processes} process(es) running: the grader cannot trust answers while the module's own code still runs. Do not start threads or processes at import.",
    zh: "导入 {entry} 后仍有 {threads} 个线程和 {processes} 个进程在运行：模块自己的代码仍在运行时，评分器无法信任其结果。不要在导入时启动线程或进程。",
  },
  caseUnobservable: {
    en: "Not checked: open sockets are counted from outside the program, through /proc, and that was not possible here ({why}). Grade on Linux for this check.",
    zh: "未检查：打开的套接字要在程序之外通过 /proc 计数，而这里做不到（{why}）。请在 Linux 上评分以完成这项检查。",
  },
  warnUnobservable: {
    en: "sockets left open could not be counted here ({why}): those cases are errors, not passes",
    zh: "此处无法统计未关闭的套接字（{why}）：这些用例记为错误，而不是通过",
  },
  casesFailed: { en: "{failed} of {total} cases did not pass.", zh: "{total} 个用例中有 {failed} 个未通过。" },
  allPassed: { en: "All {total} cases passed.", zh: "全部 {total} 个用例通过。" },
  skippedPlatform: { en: "skipped on this platform", zh: "在此平台上跳过" },
  serverNeverAnswered: {
    en: "The server never answered within {seconds} s (started as `{command}`): does it bind {host} and reply with sendto?",
    zh: "服务器在 {seconds} 秒内始终没有回应（启动命令 `{command}`）：它是否绑定了 {host} 并用 sendto 回复？",
  },
  serverExitedEarly: {
    en: "The server ended before answering anything ({how}; started as `{command}`), so the grader did not start it again for the cases that follow.",
    zh: "服务器在回应任何数据报之前就结束了（{how}；启动命令 `{command}`），所以评分器没有为后面的用例再次启动它。",
  },
  serverGone: { en: "The server is no longer running ({how}).", zh: "服务器已不再运行（{how}）。" },
  wantClient: { en: "{want} (the sender's address and port as the server sees them)", zh: "{want}（服务器看到的发送者地址和端口）" },
  wantCount: { en: "{range} (datagrams this sender has sent so far, this one included)", zh: "{range}（这个发送者到目前为止发送的数据报数，包括这一个）" },
  wantSentText: { en: "the text that was sent ({text})", zh: "发送的文本（{text}）" },
  wantNonEmptyString: { en: "a non-empty string", zh: "非空字符串" },
  textLengthDiffers: { en: "the text came back with {got} characters instead of {sent}", zh: "返回的文本有 {got} 个字符，发送的是 {sent} 个" },
  gotRequest: { en: "request {payload}", zh: "请求 {payload}" },
  gotNoRequest: { en: "no request", zh: "没有请求" },
  gotDatagrams: { en: "{n} datagrams", zh: "{n} 个数据报" },
  gotStdoutStopped: { en: "stdout {stdout}; no exit code: still running when the grader stopped it", zh: "标准输出 {stdout}；没有退出码：评分程序终止它时它仍在运行" },
  gotStdoutExit: { en: "stdout {stdout}; exit code {code}", zh: "标准输出 {stdout}；退出码 {code}" },
  listSeparator: { en: "; ", zh: "；" },
  itemSeparator: { en: ", ", zh: "，" },
  serverEndedAfterReady: {
    en: 'It ended right after answering the grader\'s readiness check ({"op": "echo", "text": "ready?"}), before this case sent anything: a server must keep serving, one datagram after another.',
    zh: '它在回答评分器的就绪检查（{"op": "echo", "text": "ready?"}）之后就结束了，这个用例还没发送任何数据报：服务器必须一个接一个地持续处理数据报。',
  },
  serverServesOnce: {
    en: "The server ended after answering one datagram ({how}): a server must keep serving. Wrap recvfrom/sendto in a loop (while True: ...), so that it answers one datagram after another until it is stopped.",
    zh: "服务器只回答了一个数据报就结束了（{how}）：服务器必须持续服务。把 recvfrom/sendto 放进循环（while True: ...），一个接一个地回答数据报，直到被停止。",
  },
  serverEndedFirst: {
    en: "The server ended before answering this case's datagram, its first one ({how}).",
    zh: "服务器在回答这个用例的数据报（它收到的第一个数据报）之前就结束了（{how}）。",
  },
  noReplySinceStart: {
    en: "No reply to the server's first datagram ({tries} copies sent over {seconds} s from its start), though it answers the grader's own check.",
    zh: "服务器启动后 {seconds} 秒内对它的第一个数据报（共发送 {tries} 份）一直没有回复，尽管它回应了评分器自己的检查。",
  },
  serverRestarted: {
    en: "The server ended {count} time(s) while being graded (the last time: {how}); the grader started it again each time, for the next cases.",
    zh: "评分过程中服务器结束了 {count} 次（最后一次：{how}）；评分器每次都重新启动了它，以继续后面的用例。",
  },
  ipv6Unavailable: {
    en: "IPv6 loopback (::1) is not available on this machine: its cases were skipped.",
    zh: "本机没有可用的 IPv6 回环地址 (::1)：相关用例已跳过。",
  },
  noReply: {
    en: "No reply after {tries} datagram(s) (waited {seconds} s each).",
    zh: "发送 {tries} 次后仍没有回复（每次等待 {seconds} 秒）。",
  },
  unexpectedReply: {
    en: "A reply came back, but none should have: {detail}",
    zh: "收到了回复，但这里不应该有回复：{detail}",
  },
  replyNotJson: { en: "The reply is {why}: every reply must be a UTF-8 JSON object.", zh: "回复{why}：每个回复都必须是 UTF-8 编码的 JSON 对象。" },
  replyFromElsewhere: {
    en: "The reply came from {from}, not from the server's address {to}.",
    zh: "回复来自 {from}，而不是服务器的地址 {to}。",
  },
  extraDatagrams: {
    en: "{count} extra datagram(s) arrived: each datagram must get exactly one reply, sent to its sender.",
    zh: "多收到了 {count} 个数据报：每个数据报必须恰好得到一个回复，并发回给发送者。",
  },
  messageShape: { en: "The datagram does not have the required shape: {details}", zh: "数据报的结构不符合要求：{details}" },
  programNoRequest: { en: "No request reached the server.", zh: "服务器没有收到任何请求。" },
  onlyIfRequest: {
    en: "No request reached the server, so this case earns nothing: an exit code counts only for a program that sent its request.",
    zh: "服务器没有收到任何请求，所以这个用例不得分：只有发出了请求的程序，其退出码才算数。",
  },
  onlyIfReplyShown: {
    en: "stdout does not show the reply the server sent, so this case earns nothing: an exit code counts only for a program that read the reply and printed it.",
    zh: "stdout 中没有服务器发来的回复，所以这个用例不得分：只有读取并打印了回复的程序，其退出码才算数。",
  },
  programRequests: { en: "{count} datagrams reached the server; exactly {expected} expected.", zh: "服务器收到了 {count} 个数据报；应当恰好 {expected} 个。" },
  requestNotJson: { en: "The request is {why}: it must be one UTF-8 JSON datagram.", zh: "请求{why}：它必须是一个 UTF-8 编码的 JSON 数据报。" },
  stdoutNotReply: {
    en: "stdout must be exactly one line: the JSON of the reply; got {got}.",
    zh: "stdout 必须恰好是一行：回复的 JSON；实际为 {got}。",
  },
  stdoutNotEmpty: { en: "Nothing may be printed on stdout here; got {got}.", zh: "这里 stdout 不应有任何输出；实际为 {got}。" },
  exitCodeWrong: { en: "Exit code {got}; expected {expected}.", zh: "退出码为 {got}；应为 {expected}。" },
  stderrEmpty: { en: "Expected a message on stderr; stderr was empty.", zh: "stderr 上应有一条消息；实际为空。" },
  tooEarly: {
    en: "The program ended {ms} ms after it started: too early, it must wait at least {limit} ms (its deadline) before giving up.",
    zh: "程序启动后 {ms} ms 就结束了：太早了，放弃之前至少要等 {limit} ms（它的期限）。",
  },
  tooEarlyAfterSend: {
    en: "The program ended {ms} ms after its first request reached the grader: too early, it must wait {limit} ms from its first send (its deadline) before giving up.",
    zh: "程序的第一个请求到达评分器后 {ms} ms 它就结束了：太早了，从第一次发送起要等满 {limit} ms（它的期限）才能放弃。",
  },
  hintPrintedNeverEnded: {
    en: "It printed, then never ended: exit once done (sys.exit); a thread that is not a daemon, or a loop that goes on, keeps the program running.",
    zh: "它打印之后没有自己结束：完成后从 main 返回（sys.exit）；非守护线程或仍在继续的循环会让程序一直运行。",
  },
  tooSlowStopped: {
    en: "It was still running {ms} ms after its first request arrived, when the grader stopped it; it must end within {limit} ms of it.",
    zh: "第一个请求到达 {ms} 毫秒后它仍在运行，评分程序终止了它；它必须在那之后 {limit} 毫秒内结束。",
  },
  tooSlow: {
    en: "It ended {ms} ms after its first request arrived; it must end within {limit} ms of it.",
    zh: "它在第一个请求到达 {ms} 毫秒后才结束；必须在那之后 {limit} 毫秒内结束。",
  },
  programKilled: { en: "still running after {seconds} s, stopped", zh: "运行超过 {seconds} 秒后被终止" },
  generatedTimeUp: {
    en: "Not judged: the {seconds} s for these generated cases ran out (earlier calls were slow), so it counts as failed.",
    zh: "未评判：这组生成用例的 {seconds} 秒时间已用完（之前的调用太慢），按未通过计。",
  },
  generatedShrunk: { en: "Shrunk from the failing input {original}.", zh: "由失败的输入 {original} 化简而来。" },
  longTextShown: { en: "{start}… ({n} characters)", zh: "{start}…（共 {n} 个字符）" },
  warnReference: {
    en: "{n} generated case(s) were left out: {problem}",
    zh: "有 {n} 个生成用例未计入：{problem}",
  },
  // Totals (grade all, the gradebook): an exercise whose entry file is not there is a graded zero.
  exerciseMissing: {
    en: "No {entry} found in {dir} (nor in {alt}/): 0 of {max} points.\nSave your code as {entry} in that folder.",
    zh: "在 {dir} 中找不到 {entry}（{alt}/ 中也没有）：得 0 分，满分 {max} 分。\n请把代码保存为该文件夹中的 {entry}。",
  },
  totalLine: { en: "Total: {score}/{max} ({percent})", zh: "总分：{score}/{max}（{percent}）" },
  overallLine: { en: "Overall: {score}/{max} ({percent}) for {count} exercises", zh: "总计：{score}/{max}（{percent}），共 {count} 个练习" },
  hiddenCheck: { en: "A hidden check: only its result and points are shown, not its cases.", zh: "隐藏检查：只显示结果和分数，不显示用例。" },
  hiddenCaseGiven: { en: "(a hidden case)", zh: "（隐藏的用例）" },
  hiddenCaseMessage: { en: "One of your teacher's hidden cases: its details are not shown.", zh: "老师的隐藏用例之一：不显示详细内容。" },
  privateChecksNotice: {
    en: "Your teacher's run adds {count} hidden check(s) worth {points} points, not graded here.",
    zh: "老师评分时还会加上 {count} 项隐藏检查（共 {points} 分），这里不评。",
  },
  graderSocketFailed: {
    en: "Skipped: the grader could not open the socket this case needs ({error}); this says nothing about your program.",
    zh: "已跳过：评分器无法打开这个用例需要的套接字（{error}）；这与你的程序无关。",
  },
  // GitHub Actions annotations (grader/reporters/github.ts): GitHub shows at most {limit} of each level per step.
  annotationsFoldedTitle: {
    en: "{count} more checks to fix (GitHub shows {limit} annotations of each kind; all are in the job summary)",
    zh: "另有 {count} 项检查未通过（GitHub 每类最多显示 {limit} 条注释；全部列在作业摘要中）",
  },
  annotationsFoldedSummary: {
    en: "GitHub shows {limit} annotations of each kind: {count} more are folded into the last one; every check to fix is listed below.",
    zh: "GitHub 每类最多显示 {limit} 条注释：另外 {count} 条并入了最后一条；所有未通过的检查都列在下面。",
  },
  // Sandbox walls (issue 12: memory cgroup, nested user namespaces, what is in force).
  limitGroupMemory: {
    en: "used more than {mib} MiB of memory together with its other processes and its files in /tmp and its folder",
    zh: "与其其他进程以及 /tmp 和其文件夹中的文件合计使用了超过 {mib} MiB 的内存",
  },
  warnNoMemoryGroup: {
    en: "sandbox without a memory cgroup: {problem}. Each program's address space is still limited, but not its files in tmpfs or the kernel memory it causes, summed over its processes.",
    zh: "沙箱没有内存 cgroup：{problem}。每个程序的地址空间仍受限制，但其 tmpfs 中的文件和它占用的内核内存（所有进程合计）不受限制。",
  },
  warnNestedUserns: {
    en: "sandbox does not block nested user namespaces: {problem}. A student program could mount its own tmpfs past the disk and memory limits where the kernel lets users make user namespaces.",
    zh: "沙箱未阻止嵌套的用户命名空间：{problem}。在内核允许普通用户创建用户命名空间的系统上，学生程序可能挂载自己的 tmpfs，绕过磁盘和内存限制。",
  },
  // Teacher views: the class dashboard (report.html), feedback files, similarity, gradebook and Gradescope.
  htmlLang: { en: "en", zh: "zh-CN" },
  dashTitle: { en: "Class report: {n} submissions", zh: "班级报告：{n} 份提交" },
  dashSummary: {
    en: "{n} students · {count} exercise(s), {max} points in all · mean {mean} ({meanPercent}) · median {median}",
    zh: "{n} 名学生 · {count} 个练习，共 {max} 分 · 平均 {mean}（{meanPercent}） · 中位数 {median}",
  },
  dashLegend: { en: "Legend", zh: "图例" },
  dashBandFull: { en: "full marks", zh: "满分" },
  dashBandHigh: { en: "80 % or more", zh: "80% 及以上" },
  dashBandMid: { en: "50 to 79 %", zh: "50% 到 79%" },
  dashBandLow: { en: "below 50 %", zh: "低于 50%" },
  dashBandZero: { en: "0 points", zh: "0 分" },
  dashBang: {
    en: "! could not be graded (no file, an import error, a refused zip): it counts 0 and the feedback says why",
    zh: "! 无法评分（没有文件、导入出错、压缩包被拒绝）：记 0 分，原因见反馈",
  },
  dashDistribution: { en: "Score distribution", zh: "分数分布" },
  dashCourseTotal: { en: "Course total", zh: "课程总分" },
  dashHistogram: { en: "{title}: students per score band (%): {bands}", zh: "{title}：各分数段（%）的学生人数：{bands}" },
  dashMeanMedian: { en: "mean {mean}, median {median} of {max}", zh: "平均 {mean}，中位数 {median}，满分 {max}" },
  dashClass: { en: "Class", zh: "全班" },
  dashFilters: { en: "Filter the table", zh: "筛选表格" },
  dashFilterName: { en: "Name contains", zh: "姓名包含" },
  dashFilterBelow: { en: "Total below (%)", zh: "总分低于（%）" },
  dashFilterCheck: { en: "Did not pass the check", zh: "未通过的检查" },
  dashFilterAny: { en: "(any)", zh: "（不限）" },
  dashShown: { en: "{n} of {total} students shown", zh: "显示 {n} / {total} 名学生" },
  dashSortHint: { en: "Click a column heading to sort.", zh: "点击列标题排序。" },
  dashStudent: { en: "Student", zh: "学生" },
  dashTotal: { en: "Total", zh: "总分" },
  dashFeedbackFiles: { en: "Feedback files", zh: "反馈文件" },
  dashChecks: { en: "Checks, hardest first", zh: "各项检查（最难的在前）" },
  dashCheck: { en: "Check", zh: "检查" },
  dashPoints: { en: "Points", zh: "分值" },
  dashMean: { en: "Mean", zh: "平均" },
  dashFull: { en: "All points", zh: "满分" },
  dashPartial: { en: "Some points", zh: "部分得分" },
  dashZero: { en: "No points", zh: "0 分" },
  dashSpread: { en: "{full} all, {partial} some, {zero} none of {graded}", zh: "{graded} 人中 {full} 人满分，{partial} 人部分得分，{zero} 人 0 分" },
  dashFeedback: { en: "Feedback per student", zh: "每名学生的反馈" },
  dashBack: { en: "Back to the class table", zh: "返回全班表格" },
  fbTitle: { en: "Feedback for {student}", zh: "{student} 的反馈" },
  fbPassed: { en: "passed", zh: "通过" },
  fbNotPassed: { en: "not passed", zh: "未通过" },
  fbAllPassed: { en: "Every check passed.", zh: "所有检查都通过了。" },
  fbProblem: { en: "Could not be graded: {message}", zh: "无法评分：{message}" },
  fbHiddenChecks: { en: "{n} hidden check(s): {score}/{max} points", zh: "{n} 项隐藏检查：{score}/{max} 分" },
  fbLater: { en: "Its details are shown later.", zh: "详细内容稍后公布。" },
  fbGenerated: { en: "Generated by udp-grader {version}.", zh: "由 udp-grader {version} 生成。" },
  simTitle: { en: "Similar submissions", zh: "相似的提交" },
  simIntro: {
    en: "Pairs whose code is alike once names and literals are ignored (winnowing over Python tokens; the starter code and fragments found in more than {common} submissions are left out). A pair is a reason to look, not a verdict.",
    zh: "忽略名称和字面量后代码相似的提交对（基于 Python 词法单元的 winnowing；不计入初始代码和超过 {common} 份提交中都出现的片段）。相似只是值得查看的理由，不是结论。",
  },
  simNone: { en: "No pair is {threshold} % alike or more.", zh: "没有相似度达到 {threshold}% 的提交对。" },
  simPair: { en: "Pair", zh: "提交对" },
  simSimilarity: { en: "Similarity", zh: "相似度" },
  simLongest: { en: "Longest shared fragment (tokens)", zh: "最长共同片段（词法单元）" },
  simOverlap: { en: "Shared tokens", zh: "共同词法单元" },
  simMarked: { en: "Shared fragments are marked.", zh: "已标出共同片段。" },
  gbUnmatched: { en: "{n} graded submission(s) not found in {file}: {names}", zh: "{file} 中找不到 {n} 份已评分的提交：{names}" },
  gbNoResult: { en: "{n} student(s) of {file} without a result: {names}", zh: "{file} 中有 {n} 名学生没有成绩：{names}" },
  gbFilled: { en: "{file}: {column} filled for {n} student(s)", zh: "{file}：已为 {n} 名学生填写 {column}" },
  gbScaled: { en: "scaled to the LMS's points possible: {columns}", zh: "已按 LMS 中的满分换算：{columns}" },
  gsWrote: { en: "wrote {file}: upload it as the assignment's autograder (Gradescope: Configure Autograder → Zip file upload)", zh: "已写入 {file}：把它作为作业的自动评分器上传（Gradescope：Configure Autograder → Zip file upload）" },
  // --shard auto (issue 15): the share of the class this copy grades.
  shardFromEnvironment: { en: "grading shard {index} of {count} ({from})", zh: "评分第 {index} 个分片，共 {count} 个（{from}）" },
  // The tcp-server kind (exercise-05): lines over TCP connections, and the byte-stream transcript.
  tcpSizedText: { en: "{start}… ({n} bytes)", zh: "{start}…（共 {n} 字节）" },
  tcpLineLength: { en: "the line is {got} bytes long, expected {want}", zh: "这一行有 {got} 字节，期望 {want} 字节" },
  tcpLineDiffersAt: { en: "the line differs from the expected one from byte {at} on", zh: "这一行从第 {at} 字节起与期望不同" },
  tcpLineNotUtf8: { en: "the line is not valid UTF-8", zh: "这一行不是合法的 UTF-8" },
  tcpLineWrong: { en: "expected {want}", zh: "期望 {want}" },
  tcpLineNumber: { en: "reply line {n}: {problem}", zh: "第 {n} 行回复：{problem}" },
  tcpLineCrlf: { en: "the line ends in \"\\r\\n\": a reply line ends in \"\\n\" alone", zh: "这一行以 \"\\r\\n\" 结尾：回复行只以 \"\\n\" 结尾" },
  tcpMissingLines: { en: "{conn} expected {want} line(s) within {seconds} s and got {got}", zh: "{conn} 期望在 {seconds} 秒内收到 {want} 行，实际收到 {got} 行" },
  tcpPartialLine: { en: "plus {bytes} byte(s) of a line with no newline yet: {preview}", zh: "另有 {bytes} 字节还没有换行符的半行：{preview}" },
  tcpClosedEarly: { en: "the server closed the connection", zh: "服务器关闭了连接" },
  tcpResetEarly: { en: "the server reset the connection ({error})", zh: "服务器重置了连接（{error}）" },
  tcpNotClosed: { en: "{conn}: the server did not close the connection within {seconds} s", zh: "{conn}：服务器在 {seconds} 秒内没有关闭连接" },
  tcpBytesBeforeClose: { en: "{conn}: {bytes} more byte(s) came instead of the close: {preview}", zh: "{conn}：没有关闭连接，而是又收到了 {bytes} 字节：{preview}" },
  tcpNotSilent: { en: "{conn}: a reply came before its line was complete: {preview}", zh: "{conn}：这一行还没有结束就收到了回复：{preview}" },
  tcpExtraBytes: { en: "{conn}: {bytes} byte(s) came that no request asked for: {preview}", zh: "{conn}：收到了没有请求对应的 {bytes} 字节：{preview}" },
  tcpConnectFailed: { en: "{conn} could not connect to {to}: {error}", zh: "{conn} 无法连接到 {to}：{error}" },
  tcpConnectAccepted: { en: "{conn} connected to {to}, where the server should not listen: it must listen on HOST only", zh: "{conn} 连上了 {to}，服务器不应在那里监听：它只能监听 HOST" },
  tcpSendFailed: { en: "{conn} could not send: {error} (after {sent} of {total} bytes)", zh: "{conn} 无法发送：{error}（已发送 {sent}/{total} 字节）" },
  tcpNeverListened: { en: "The server did not accept a connection within {seconds} s of its start{how}.", zh: "服务器启动后 {seconds} 秒内没有接受连接{how}。" },
  tcpEndedHow: { en: " (it ended: {how})", zh: "（它已结束：{how}）" },
  tcpReadyWrong: { en: "The server accepts connections but did not answer {send} with {expect} within {seconds} s.", zh: "服务器接受了连接，但在 {seconds} 秒内没有用 {expect} 回答 {send}。" },
  tcpFlooded: { en: "{conn}: the server sent {bytes} bytes without the lines expected; the grader stopped reading there", zh: "{conn}：服务器发送了 {bytes} 字节，却没有期望的行；评分器读到这里就停止了" },
  tcpSendBlocked: { en: "{conn}: the server took only {sent} of {total} bytes within {seconds} s: it is not reading from the connection", zh: "{conn}：服务器在 {seconds} 秒内只接收了 {total} 字节中的 {sent} 字节：它没有从连接中读取" },
  tcpStepConnect: { en: "{conn} connects", zh: "{conn} 连接" },
  tcpStepConnectTo: { en: "{conn} connects to {to} (must be refused)", zh: "{conn} 连接 {to}（必须被拒绝）" },
  tcpStepSend: { en: "{conn} sends {text}", zh: "{conn} 发送 {text}" },
  tcpStepChunks: { en: " in pieces of {sizes} B, {ms} ms apart", zh: "，分成 {sizes} 字节的片段，间隔 {ms} ms" },
  tcpStepShutdown: { en: "{conn} shuts down its write side (shutdown(SHUT_WR))", zh: "{conn} 关闭写方向（shutdown(SHUT_WR)）" },
  tcpStepClose: { en: "{conn} closes", zh: "{conn} 关闭连接" },
  tcpStepReset: { en: "{conn} resets the connection (RST, like a crashed client)", zh: "{conn} 重置连接（RST，就像客户端崩溃）" },
  tcpStepWait: { en: "wait {ms} ms", zh: "等待 {ms} ms" },
  tcpStepAlive: { en: "the server must still run", zh: "服务器必须仍在运行" },
  tcpStepExpect: { en: "{conn} expects {lines}", zh: "{conn} 期望收到 {lines}" },
  tcpStepExpectClose: { en: "{conn} expects the server to close", zh: "{conn} 期望服务器关闭连接" },
  tcpStepSilent: { en: "{conn} expects nothing for {ms} ms", zh: "{conn} 期望 {ms} ms 内什么都收不到" },
  tcpEvConnected: { en: "[connected]", zh: "[已连接]" },
  tcpEvRefused: { en: "[refused: {note}]", zh: "[被拒绝：{note}]" },
  tcpEvShutdown: { en: "[FIN: shutdown(SHUT_WR)]", zh: "[FIN：shutdown(SHUT_WR)]" },
  tcpEvClosed: { en: "[FIN: closed its side]", zh: "[FIN：关闭了它的一端]" },
  tcpEvClose: { en: "[closes]", zh: "[关闭]" },
  tcpEvReset: { en: "[RST: connection reset]", zh: "[RST：连接重置]" },
  tcpEvError: { en: "[error: {note}]", zh: "[错误：{note}]" },
  tcpNothingYet: { en: "nothing", zh: "什么都没有" },
  tcpOutOfTime: { en: "Not run: the exercise's {seconds} s were used up by the cases before it.", zh: "未运行：前面的用例已用完这个练习的 {seconds} 秒。" },
  // --- batch helper (issue 12 item 4, issue 14 item 6): a student's files that cannot be taken, batch progress ---
  entryUnreadable: { en: "{entry} cannot be read ({reason}): not graded.", zh: "无法读取 {entry}（{reason}）：未评分。" },
  entryTooLarge: {
    en: "{entry} is {mib} MiB; an entry file may be at most {max} MiB: not graded.",
    zh: "{entry} 有 {mib} MiB；入口文件最大 {max} MiB：未评分。",
  },
  folderUnreadable: { en: "The folder {dir} cannot be read ({reason}): not graded.", zh: "无法读取文件夹 {dir}（{reason}）：未评分。" },
  warnUnreadable: { en: "not copied: {n} file(s) or folder(s) that cannot be read: {names}", zh: "未复制：{n} 个无法读取的文件或文件夹：{names}" },
  entryInSeveralPlaces: { en: "{entry} is in several places: {places}. Keep one.", zh: "{entry} 出现在多个位置：{places}。请只保留一个。" },
  pyFilesAre: { en: "The .py files in this folder: {files}{more}", zh: "这个文件夹里的 .py 文件：{files}{more}" },
  batchPlanned: { en: "grading {n} ({skipped} up to date)", zh: "评分 {n} 项（{skipped} 项已是最新）" },
  batchProgressBar: {
    en: "grading [{bar}] {value}/{total} | ETA {eta_formatted} | not full: {notFull} | {last}",
    zh: "评分 [{bar}] {value}/{total} | 剩余 {eta_formatted} | 未满分: {notFull} | {last}",
  },
  batchDone: { en: "{graded} graded, {skipped} up to date, {problems} with a problem: {out}", zh: "已评 {graded} 项，{skipped} 项已是最新，{problems} 项有问题：{out}" },
  batchInterrupted: {
    en: "interrupted: {done} of {total} graded and kept in {out}. Run the same command again to resume (what is done is not graded again).",
    zh: "已中断：{total} 项中已评 {done} 项，结果保存在 {out}。再次运行同一命令即可继续（已评的不会重评）。",
  },
  batchNothing: {
    en: "No submissions found in {dir}: expected one folder or .zip per student, or Canvas' \"download all submissions\" files (name_12345_67890_file.py).",
    zh: "在 {dir} 中没有找到提交：应为每个学生一个文件夹或 .zip，或 Canvas「下载全部提交」的文件（name_12345_67890_file.py）。",
  },
  batchNothingHolds: {
    en: "No submissions found in {dir}: expected one folder or .zip per student, or Canvas' \"download all submissions\" files (name_12345_67890_file.py). It holds: {names}",
    zh: "在 {dir} 中没有找到提交：应为每个学生一个文件夹或 .zip，或 Canvas「下载全部提交」的文件（name_12345_67890_file.py）。其中有：{names}",
  },
  batchNoStudent: { en: "No student {name} in {dir}. Students: {names}", zh: "{dir} 中没有学生 {name}。学生有：{names}" },
  batchBusy: {
    en: "Another batch (pid {pid} on {host}, started {started}) is writing into {out}: wait for it to finish, or give another --out. (If it is not running any more, delete {lock}.)",
    zh: "另一个批量评分（{host} 上的进程 {pid}，开始于 {started}）正在写入 {out}：请等它结束，或换一个 --out。（如果它已不在运行，请删除 {lock}。）",
  },
  studentLinkOutside: { en: "{name} is a link to {target}, outside the class folder: not graded.", zh: "{name} 是指向班级文件夹之外 {target} 的链接：未评分。" },
  studentLinkBroken: { en: "{name} is a link to {target}, which does not exist: not graded.", zh: "{name} 是指向不存在的 {target} 的链接：未评分。" },
  studentNameNotUtf8: {
    en: "the folder's name is not UTF-8 (read as {name}); graded from a copy",
    zh: "文件夹名不是 UTF-8 编码（按 {name} 读取）；已从副本评分",
  },
  zipEncrypted: {
    en: "{zip} is password-protected (encrypted): zip the files again without a password.",
    zh: "{zip} 设置了密码（已加密）：请不加密码重新压缩。",
  },
  warnRenamed: {
    en: "{n} name(s) that were not UTF-8 were copied under their GBK reading: {names}",
    zh: "{n} 个非 UTF-8 编码的文件名按 GBK 读取后复制：{names}",
  },
  csvStudent: { en: "student", zh: "学生" },
  csvTotal: { en: "total", zh: "总分" },
  csvMax: { en: "max", zh: "满分" },
  csvPercent: { en: "percent", zh: "百分比" },
  csvNote: { en: "note", zh: "备注" },
  // The per-case datagram budget (grader/kinds/socket/flood-budget.ts).
  floodStopped: {
    en: "Sent more than {datagrams} datagrams or {mib} MiB to the grader in this case: stopped (the rest was dropped unread).",
    zh: "在这个用例中向评分程序发送了超过 {datagrams} 个数据报或 {mib} MiB 数据：已被终止（其余数据未读即丢弃）。",
  },
  // issue 13 (student): a check scaled by `requires`.
  scaledNote: {
    en: "{passed}/{total} cases passed, counted as {percent} because it builds on {list}.",
    zh: "通过了 {passed}/{total} 个用例，按 {percent} 计分，因为它以{list}为前提。",
  },
  scaledRequired: { en: "'{name}' (at {percent})", zh: "「{name}」（{percent}）" },
  replyOfStep: { en: "Reply {n} of {total} (to {from}: {sent}):", zh: "第 {n} 个回复（共 {total} 个，回应 {from} 发送的 {sent}）：" },
  failedElsewhere: {
    en: "This case failed only on the reply's {where}, which is what '{name}' checks: see that check (this one's own part was right).",
    zh: "这个用例只在回复的 {where} 上出错，而那是「{name}」检查的内容：请看那一项（本项自身的部分是对的）。",
  },
  serverGaveUp: {
    en: "The server is no longer running ({how}), and the grader stopped restarting it: it had already been restarted {count} times without answering anything, so this and every later case could not run.",
    zh: "服务器已不再运行（{how}），评分器也不再重新启动它：它已被重新启动 {count} 次却什么都没有回答，所以这个用例和之后的用例都无法运行。",
  },
  endedOnWireClock: { en: " (at +{ms} ms on the clock of \"on the wire\")", zh: "（按「收发记录」的时钟为 +{ms} ms）" },
  sameOutputAbove: { en: "(the same as above, in '{name}')", zh: "（与上面「{name}」中的相同）" },
  stdoutPythonRepr: {
    en: "stdout is one line, but it is a Python dict as print() shows it (single quotes, True/False/None), not JSON: print json.dumps(reply) instead; got {got}.",
    zh: "stdout 是一行，但那是 print() 打印出的 Python 字典（单引号、True/False/None），不是 JSON：请改为打印 json.dumps(reply)；实际为 {got}。",
  },
  legendMarks: { en: "✓ passed  ✗ failed  ! could not be judged (the program crashed, hung or was not run)  ~ its own cases passed, scaled by a check it builds on", zh: "✓ 通过  ✗ 未通过  ! 无法评判（程序崩溃、卡住或没有运行）  ~ 本项用例都通过，但按它依赖的检查计分" },
  initNext: { en: "Next: fill in the TODOs in {entry}, then run:\n  grade {exercise} {dir}", zh: "下一步：完成 {entry} 中的 TODO，然后运行：\n  grade {exercise} {dir}" },
  exitCode120: {
    en: "exit code 120: Python could not write its last output as it ended, because stdout/stderr or their file descriptors were closed",
    zh: "退出码 120：Python 结束时无法写出最后的输出，因为 stdout/stderr 或它们的文件描述符被关闭了",
  },
  entryNearMiss: { en: "Did you mean {found}? The file must be called {entry}.", zh: "你是指 {found} 吗？文件名必须是 {entry}。" },
  entryDeeper: { en: "Found {found}: give that folder instead, e.g. grade {exercise} {dir}.", zh: "找到了 {found}：请改为给出那个文件夹，例如 grade {exercise} {dir}。" },
  summaryFailedCases: { en: "{failed} of {total} cases failed, the first:", zh: "{total} 个用例中 {failed} 个未通过，第一个：" },
  summaryHint: { en: "hint: {hint}", zh: "提示：{hint}" },
  summarySameCause: { en: "the same cause fails {names} too", zh: "同一原因也让{names}未通过" },
  quotedName: { en: "'{name}'", zh: "「{name}」" },
  summaryVerbose: { en: "Every failed case in full: grade {exercise} {dir} -v", zh: "查看所有未通过用例的完整信息：grade {exercise} {dir} -v" },
  watchGrading: { en: "grading {dir} …", zh: "正在评分 {dir} …" },
  watchWaiting: { en: "watching {dir} for changes (Ctrl-C to stop)", zh: "正在监视 {dir} 的变化（按 Ctrl-C 停止）" },
  // The lossy link (udp-client): the link in the feedback, and the checks of a reliable request.
  linkGiven: { en: "; the link: {what} (seed {seed})", zh: "；链路：{what}（种子 {seed}）" },
  linkClean: { en: "clean", zh: "无损" },
  linkOdds: { en: "{odds} of each of the first {n} datagrams", zh: "前 {n} 个数据报各有 {odds}" },
  linkFixedToServer: { en: "the program's first datagrams: {fates}", zh: "程序发出的前几个数据报：{fates}" },
  linkFixedToProgram: { en: "the server's first datagrams: {fates}", zh: "服务器发出的前几个数据报：{fates}" },
  linkFatePass: { en: "passed", zh: "通过" },
  linkFateDrop: { en: "dropped", zh: "丢弃" },
  linkFateDuplicate: { en: "duplicated", zh: "重复" },
  linkFateDelay: { en: "delayed", zh: "延迟" },
  linkFateReorder: { en: "reordered", zh: "乱序" },
  linkFateCorrupt: { en: "corrupted", zh: "损坏" },
  linkNoteDrop: { en: "dropped by the link, seed {seed}, datagram {n}", zh: "被链路丢弃，种子 {seed}，第 {n} 个数据报" },
  linkNoteDuplicate: { en: "duplicated by the link, seed {seed}, datagram {n}", zh: "被链路复制成两份，种子 {seed}，第 {n} 个数据报" },
  linkNoteDelay: { en: "delayed {ms} ms by the link, seed {seed}, datagram {n}", zh: "被链路延迟 {ms} ms，种子 {seed}，第 {n} 个数据报" },
  linkNoteReorder: { en: "held back by the link until the next one overtakes it (at most {ms} ms), seed {seed}, datagram {n}", zh: "被链路扣住，直到下一个数据报超过它（最多 {ms} ms），种子 {seed}，第 {n} 个数据报" },
  linkNoteCorrupt: { en: "corrupted by the link: byte {offset} {was} → {now}, seed {seed}, datagram {n}", zh: "被链路损坏：第 {offset} 个字节 {was} → {now}，种子 {seed}，第 {n} 个数据报" },
  checksumWrong: { en: "\"{field}\" is {got}; the checksum of the other keys is {expected}.", zh: "\"{field}\" 是 {got}；其余键的校验和应为 {expected}。" },
  stdoutLineTwice: { en: "The reply was printed {n} times; it must be printed once.", zh: "回复被打印了 {n} 次；只能打印一次。" },
  stdoutNotLine: { en: "stdout is not exactly the line {expected}: got {got}", zh: "stdout 不恰好是这一行 {expected}：实际为 {got}" },
  tooManyRequests: { en: "{count} datagrams sent; at most {max} allowed (the retry budget).", zh: "发送了 {count} 个数据报；最多只允许 {max} 个（重试预算）。" },
  sendsAfterReply: { en: "It sent {n} more datagram(s) after the server's reply had left for it; at most {max}: on the first valid reply, print its text and exit at once.", zh: "服务器的回复发给它之后，它又发送了 {n} 个数据报；最多 {max} 个：收到第一个有效回复就打印其 text 并立即退出。" },
  tooFewRequests: { en: "Only {count} datagram(s) sent; at least {min} expected: while no valid reply has come, the request must be sent again.", zh: "只发送了 {count} 个数据报；应当至少 {min} 个：还没有收到有效回复时，要再次发送请求。" },
  requestsTooClose: { en: "{count} datagrams within {ms} ms; a retry timer spreads them over at least {min} ms.", zh: "{count} 个数据报在 {ms} ms 内发出；有重试计时器时至少要分布在 {min} ms 上。" },
  requestGapWrong: { en: "{count} datagrams sent, {ms} ms apart on average; the retry timer puts {min} to {max} ms between two sends.", zh: "发送了 {count} 个数据报，平均相隔 {ms} ms；重试计时器应让两次发送相隔 {min} 到 {max} ms。" },
  resendDiffers: { en: "Datagram {n} ({got}) is not the same request as the first ({first}): a resend repeats the request, same seq.", zh: "第 {n} 个数据报（{got}）和第一个（{first}）不是同一个请求：重发要重复同一个请求，seq 不变。" },
  resendOtherBytes: { en: "Datagram {n} ({got}) is the first request ({first}) written with other bytes, from byte {at} on ({gotHere} where the first has {firstHere}): a resend sends the very same bytes again.", zh: "第 {n} 个数据报（{got}）是第一个请求（{first}）换了一种写法，从第 {at} 个字节起不同（这里是 {gotHere}，第一个是 {firstHere}）：重发要原样再发送同样的字节。" },
  expectStdoutLine: { en: "stdout: the line {line}, once", zh: "stdout：一行 {line}，只打印一次" },
  expectRequestCount: { en: "{min} to {max} datagrams sent", zh: "发送 {min} 到 {max} 个数据报" },
  expectSendsAfterReply: { en: "at most {max} more datagram(s) once the reply has left for it", zh: "回复发给它之后最多再发送 {max} 个数据报" },
  expectRequestSpan: { en: "the first and the last at least {ms} ms apart", zh: "第一个和最后一个相隔至少 {ms} ms" },
  expectRequestGap: { en: "on average {min} to {max} ms between two datagrams", zh: "两个数据报之间平均相隔 {min} 到 {max} ms" },
  expectSameRequests: { en: "every datagram the same request, byte for byte", zh: "每个数据报都是同一个请求，逐字节相同" },
  // The function-call harness's own start, timed apart from the student's import (runtime).
  harnessStartTimeout: {
    en: "Python did not start within {seconds} s (the machine is too busy?): nothing of {entry} ran yet. Grade again.",
    zh: "Python 在 {seconds} 秒内没有启动（机器太忙？）：{entry} 的代码还没有运行。请重新评分。",
  },
} satisfies Record<string, Bilingual>;

/** Every catalogue: the central table above, and one per area (grader/core/messages/). */
const catalogue = { ...messages, ...errorMessages, ...reportMessages, ...answerMessages, ...initMessages, ...helpMessages };

export type MessageKey = keyof typeof catalogue;

/** Every message, for the test that checks each has both languages and is used. */
export function allMessages(): Record<string, Bilingual> {
  return catalogue;
}

export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogue, key);
}

export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogue[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Messages as separate sentences: each ends with a full stop (。 in Chinese), joined by a space (nothing in Chinese). */
export function sentences(lang: Lang, parts: string[]): string {
  const stop = t(lang, "sentenceStop");
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (/[.。!！?？:：)）]$/.test(p) ? p : p + stop))
    .join(t(lang, "sentenceJoin"));
}

export function pick(lang: Lang, text: Bilingual): string {
  return text[lang];
}
