def build():
    s = ""
    for i in range(30):
        s += "ab"
    return s


text = build()
print(len(text))
