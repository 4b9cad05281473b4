"""pyNN.parameters stand-in: Sequence only."""


class Sequence:
    def __init__(self, value):
        self.value = [float(x) for x in value]
