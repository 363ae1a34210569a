def make_logger():
    log = ""
    def write(text):
        nonlocal log
        log += text + ";"
        return log
    return write

w = make_logger()
w("start")
w("middle")
print(w("end"))
