/** Units and words shared by every part. */
export default {
  en: {
    "units.bytes": "{n, plural, one {# byte} other {# bytes}}",
    "units.kb": "{n} KB",
    "units.mb": "{n} MB",
  },
  "zh-CN": {
    "units.bytes": "{n} 字节",
    "units.kb": "{n} KB",
    "units.mb": "{n} MB",
  },
};
