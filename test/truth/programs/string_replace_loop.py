def censor(text, bad):
    for w in bad:
        text = text.replace(w, "*" * len(w))
    return text

print(censor("a bad day, a sad day", ["bad", "sad"]))
