# Each call gets its own frame on the stack; it disappears when the call returns.
def area(width, height):
    result = width * height
    return result

def describe(w, h):
    a = area(w, h)
    return "area " + str(a)

text = describe(3, 4)
print(text)
