package main

import (
	"encoding/hex"
	"fmt"
)

func main() {
	values := []string{
		LITERAL,
	}
	for _, v := range values {
		fmt.Println(hex.EncodeToString([]byte(v)))
	}
}
