def words(text):
    word = ""
    for ch in text:
        if ch == " ":
            yield word
            word = ""
        else:
            word += ch
    yield word

print(list(words("the call stack")))
