package awsfake

import (
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

type listAccountSettingsInput struct {
	EffectiveSettings bool
	MaxResults        int32
	Name              types.SettingName
	NextToken         *string
	PrincipalArn      *string
	Value             *string
}

type putAccountSettingInput struct {
	Name         types.SettingName
	Value        *string
	PrincipalArn *string
}

// settingDefaults are the account settings' values until one is put.
var settingDefaults = map[types.SettingName]string{
	types.SettingNameTaskLongArnFormat:              "enabled",
	types.SettingNameServiceLongArnFormat:           "enabled",
	types.SettingNameContainerInstanceLongArnFormat: "enabled",
	types.SettingNameAwsvpcTrunking:                 "disabled",
	types.SettingNameContainerInsights:              "disabled",
}

// SetAccountSetting sets an account setting as PutAccountSetting does, e.g.
// SetAccountSetting("taskLongArnFormat", "disabled") makes new task ARNs
// short (task/<id>). It panics on a name or value PutAccountSetting
// refuses.
func (s *Server) SetAccountSetting(name, value string) {
	s.ecs.mu.Lock()
	defer s.ecs.mu.Unlock()
	if _, err := s.putAccountSetting(&putAccountSettingInput{Name: types.SettingName(name), Value: &value}); err != nil {
		panic("awsfake: SetAccountSetting: " + err.Error())
	}
}

// setting returns the effective value of an account setting.
func (s *Server) setting(name types.SettingName) string {
	if v, ok := s.ecs.settings[name]; ok {
		return v
	}
	return settingDefaults[name]
}

// listAccountSettings lists the settings put for the account, or with
// effectiveSettings every setting's effective value.
func (s *Server) listAccountSettings(in *listAccountSettingsInput) (any, error) {
	var names []types.SettingName
	for n := range settingDefaults {
		names = append(names, n)
	}
	for n := range s.ecs.settings {
		if _, ok := settingDefaults[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	all := []types.Setting{}
	for _, n := range names {
		_, put := s.ecs.settings[n]
		if !put && !in.EffectiveSettings {
			continue
		}
		v := s.setting(n)
		if (in.Name != "" && n != in.Name) || (in.Value != nil && *in.Value != v) {
			continue
		}
		typ := types.SettingTypeUser
		if !put {
			typ = types.SettingTypeAwsManaged
		}
		all = append(all, types.Setting{Name: n, Value: ptr(v), PrincipalArn: ptr(s.callerARN()), Type: typ})
	}
	var max *int32
	if in.MaxResults != 0 {
		max = &in.MaxResults
	}
	p, next, err := page(all, max, in.NextToken, 10)
	if err != nil {
		return nil, err
	}
	return struct {
		Settings  []types.Setting
		NextToken *string
	}{p, next}, nil
}

func (s *Server) putAccountSetting(in *putAccountSettingInput) (any, error) {
	if !slices.Contains(in.Name.Values(), in.Name) {
		return nil, wire.Errorf(400, "InvalidParameterException", "Invalid setting name %q.", in.Name)
	}
	v := deref(in.Value)
	valid := []string{"enabled", "disabled"}
	if in.Name == types.SettingNameContainerInsights {
		valid = append(valid, "enhanced")
	}
	if _, ok := settingDefaults[in.Name]; ok && !slices.Contains(valid, v) {
		return nil, wire.Errorf(400, "InvalidParameterException", "The value %q is not valid for the setting %s.", v, in.Name)
	}
	s.ecs.settings[in.Name] = v
	return struct{ Setting types.Setting }{types.Setting{
		Name: in.Name, Value: &v, PrincipalArn: ptr(s.callerARN()), Type: types.SettingTypeUser,
	}}, nil
}
