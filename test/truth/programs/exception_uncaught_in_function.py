def first_letter(word):
    return word[0]

print(first_letter("abc"))
print(first_letter(""))
