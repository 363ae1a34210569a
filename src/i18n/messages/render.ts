/** Every word drawn on a memory diagram or said about one (alt text, GIF notes). */
export default {
  en: {
    "render.step": "Step {n} of {total}",
    "render.line": "line {line}",
    "render.event.call": "calls {name}",
    "render.event.return": "{name} returns",
    "render.event.yield": "{name} yields",
    "render.event.raisedOut": "{name} ends with an exception",
    "render.event.exception": "an exception is raised",
    "render.sizes": "sizes as on {model}",
    "render.error": "{type}: {message}",

    "render.code.title": "Program",
    "render.code.ran": "just ran",
    "render.code.next": "runs next",
    "render.code.hidden": "{n, plural, one {… # more line} other {… # more lines}}",

    "render.stack.title": "Stack",
    "render.stack.hint": "newest call on top",
    "render.stack.module": "global frame",
    "render.stack.returns": "return value",
    "render.stack.calls": "{n, plural, one {… # more call of {name}} other {… # more calls of {name}}}",
    "render.stack.empty": "no variables yet",

    "render.heap.title": "Heap",
    "render.heap.hint": "objects: type, size, address",
    "render.heap.empty": "no objects yet",
    "render.heap.freed": "Freed at this step",
    "render.heap.left": "Not shown: {n, plural, one {# object} other {# objects}} of {total}. The diagram keeps what this step touched, its neighbours and what is nearest the stack.",

    "render.more": "… {n} more",
    "render.empty": "empty",
    "render.chars": "{n, plural, one {# char} other {# chars}}",
    "render.hidden": "{type} (not shown)",
    "render.freedRef": "{type} (freed)",

    "render.origin.cached": "small-int cache",
    "render.origin.static": "built-in",
    "render.origin.constant": "constant",
    "render.origin.interned": "interned",
    "render.origin.library": "made by Python",

    "render.state.new": "new",
    "render.state.changed": "changed",
    "render.state.freed": "freed",

    "render.temps.title": "Temporaries on this line (made and dropped within it)",
    "render.temps.live": "still in use",
    "render.temps.count": "×{n}",

    "render.chart.title": "Live heap bytes",
    "render.chart.now": "now {bytes}",
    "render.chart.peak": "peak {bytes}",

    "render.gif.scaled": "The animation is drawn at {percent}% size to stay under {limit}.",
    "render.gif.sampled": "The animation shows {shown} of {total} steps to stay under {limit}.",
    "render.gif.trimmed": "The animation shows {shown} of {total} steps: the ones that change memory.",

    "render.alt": "Memory diagram, step {n} of {total}, line {line}: {frames, plural, one {# frame} other {# frames}} on the stack, {objects, plural, one {# object} other {# objects}} on the heap, {bytes} live.",
    "render.alt.new": "New: {list}.",
    "render.alt.freed": "Freed: {list}.",
  },
  "zh-CN": {
    "render.step": "第 {n} 步（共 {total} 步）",
    "render.line": "第 {line} 行",
    "render.event.call": "调用 {name}",
    "render.event.return": "{name} 返回",
    "render.event.yield": "{name} 暂停并交出一个值",
    "render.event.raisedOut": "{name} 因异常结束",
    "render.event.exception": "抛出异常",
    "render.sizes": "大小按 {model} 计算",
    "render.error": "{type}：{message}",

    "render.code.title": "程序",
    "render.code.ran": "刚执行",
    "render.code.next": "下一步",
    "render.code.hidden": "… 另有 {n} 行",

    "render.stack.title": "栈",
    "render.stack.hint": "最新的调用在最上面",
    "render.stack.module": "全局帧",
    "render.stack.returns": "返回值",
    "render.stack.calls": "… 另有 {n} 层 {name} 调用",
    "render.stack.empty": "还没有变量",

    "render.heap.title": "堆",
    "render.heap.hint": "对象：类型、大小、地址",
    "render.heap.empty": "还没有对象",
    "render.heap.freed": "本步释放",
    "render.heap.left": "未显示：{total} 个对象中的 {n} 个。图中保留本步涉及的对象、与它们相连的对象和离栈最近的对象。",

    "render.more": "… 还有 {n} 个",
    "render.empty": "空",
    "render.chars": "{n} 个字符",
    "render.hidden": "{type}（未显示）",
    "render.freedRef": "{type}（已释放）",

    "render.origin.cached": "小整数缓存",
    "render.origin.static": "内置",
    "render.origin.constant": "常量",
    "render.origin.interned": "驻留",
    "render.origin.library": "Python 创建",

    "render.state.new": "新建",
    "render.state.changed": "已修改",
    "render.state.freed": "已释放",

    "render.temps.title": "本行的临时对象（在这一行内创建又丢弃）",
    "render.temps.live": "仍在使用",
    "render.temps.count": "×{n}",

    "render.chart.title": "堆上存活的字节数",
    "render.chart.now": "当前 {bytes}",
    "render.chart.peak": "峰值 {bytes}",

    "render.gif.scaled": "为了不超过 {limit}，动画按 {percent}% 的尺寸绘制。",
    "render.gif.sampled": "为了不超过 {limit}，动画只显示 {total} 步中的 {shown} 步。",
    "render.gif.trimmed": "动画只显示 {total} 步中改变内存的 {shown} 步。",

    "render.alt": "内存示意图，第 {n} 步（共 {total} 步），第 {line} 行：栈上 {frames} 个帧，堆上 {objects} 个对象，存活 {bytes}。",
    "render.alt.new": "新建：{list}。",
    "render.alt.freed": "释放：{list}。",
  },
};
