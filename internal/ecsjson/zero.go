package ecsjson

import (
	"math/big"
	"reflect"
	"time"

	smithy "github.com/aws/smithy-go"
	smithydocument "github.com/aws/smithy-go/document"
)

// memberSerializer is implemented by every SDK structure.
type memberSerializer interface {
	SerializeMembers(smithy.ShapeSerializer)
}

// zeroWritten reports which members of struct type t the SDK itself writes
// when they hold their zero value, and whether t is an SDK structure at all.
//
// A non-pointer scalar in an SDK struct is either a member with a default
// (ContainerDefinition.Cpu: 0 means unset, and the SDK leaves it out) or a
// required one (Ulimit.SoftLimit: 0 is sent). Only the SDK's generated code
// knows which, so we ask it: serialize a zero value and note the members it
// writes.
func zeroWritten(t reflect.Type) (map[string]bool, bool) {
	ms, ok := reflect.New(t).Interface().(memberSerializer)
	if !ok {
		return nil, false
	}
	r := &recorder{names: map[string]bool{}}
	ms.SerializeMembers(r)
	return r.names, true
}

// recorder is a smithy.ShapeSerializer that notes the names of the
// top-level members written to it and discards everything else.
type recorder struct {
	depth int
	names map[string]bool
}

func (r *recorder) note(s *smithy.Schema) {
	if r.depth == 0 && s != nil {
		r.names[s.MemberName()] = true
	}
}

func (r *recorder) open(s *smithy.Schema) { r.note(s); r.depth++ }
func (r *recorder) close()                { r.depth-- }

func (r *recorder) Bytes() []byte                                          { return nil }
func (r *recorder) WriteInt8(s *smithy.Schema, _ int8)                     { r.note(s) }
func (r *recorder) WriteInt16(s *smithy.Schema, _ int16)                   { r.note(s) }
func (r *recorder) WriteInt32(s *smithy.Schema, _ int32)                   { r.note(s) }
func (r *recorder) WriteInt64(s *smithy.Schema, _ int64)                   { r.note(s) }
func (r *recorder) WriteFloat32(s *smithy.Schema, _ float32)               { r.note(s) }
func (r *recorder) WriteFloat64(s *smithy.Schema, _ float64)               { r.note(s) }
func (r *recorder) WriteBool(s *smithy.Schema, _ bool)                     { r.note(s) }
func (r *recorder) WriteString(s *smithy.Schema, _ string)                 { r.note(s) }
func (r *recorder) WriteBigInt(s *smithy.Schema, _ *big.Int)               { r.note(s) }
func (r *recorder) WriteBigFloat(s *smithy.Schema, _ *big.Float)           { r.note(s) }
func (r *recorder) WriteBlob(s *smithy.Schema, _ []byte)                   { r.note(s) }
func (r *recorder) WriteTime(s *smithy.Schema, _ time.Time)                { r.note(s) }
func (r *recorder) WriteUnion(s, _ *smithy.Schema)                         { r.open(s) }
func (r *recorder) CloseUnion()                                            { r.close() }
func (r *recorder) WriteDocument(s *smithy.Schema, _ smithydocument.Value) { r.note(s) }
func (r *recorder) WriteNil(s *smithy.Schema)                              { r.note(s) }
func (r *recorder) WriteStruct(s *smithy.Schema)                           { r.open(s) }
func (r *recorder) CloseStruct()                                           { r.close() }
func (r *recorder) WriteList(s *smithy.Schema)                             { r.open(s) }
func (r *recorder) CloseList()                                             { r.close() }
func (r *recorder) WriteMap(s *smithy.Schema)                              { r.open(s) }
func (r *recorder) WriteKey(*smithy.Schema, string)                        {}
func (r *recorder) CloseMap()                                              { r.close() }
