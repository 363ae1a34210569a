long_text = "a fairly long piece of text that goes past sixty characters for sure"
short = long_text[:10]
print(len(long_text), short)
