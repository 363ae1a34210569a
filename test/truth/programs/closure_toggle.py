def make_toggle():
    state = False
    def flip():
        nonlocal state
        state = not state
        return state
    return flip

flip = make_toggle()
print(flip(), flip(), flip())
