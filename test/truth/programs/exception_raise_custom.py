class TooBig(Exception):
    pass

def check(n):
    if n > 10:
        raise TooBig("n is " + str(n))
    return n

try:
    check(5)
    check(50)
except TooBig as e:
    message = str(e)
print(message)
