using System.Linq;
using FlinkSdk.Generators.Model;

namespace FlinkSdk.Generators.Emitting;

/// <summary>
/// Emits the partial half of a <c>[StatefulOperator]</c> class: the field record and its serializer, and the
/// explicit <c>IGeneratedStateful</c> implementation; for keyed operators also <c>IGeneratedKeyedState</c>; for
/// functions whose stream decides (<see cref="StateScope.ByStream"/>) the code of both scopes and
/// <c>IGeneratedScopedState</c>, whose <c>InitializeKeyedState</c> the runtime calls instead on a keyed stream.
/// </summary>
internal static class OperatorEmitter
{
    private const string Stateful = "global::FlinkSdk.State.IGeneratedStateful";
    private const string KeyedState = "global::FlinkSdk.State.IGeneratedKeyedState";
    private const string ScopedState = "global::FlinkSdk.State.IGeneratedScopedState";
    private const string StateName = "\"__fields\"";
    private const string Record = FieldRecordEmitter.RecordName;
    private const string Serializer = FieldRecordEmitter.SerializerName;
    private const string ListField = "__flinkState";
    private const string ByStreamKeyedField = "__flinkKeyedState";

    public static string Emit(OperatorModel model)
    {
        var writer = new SourceWriter();
        EmitHelpers.Header(writer);
        int scopes = EmitHelpers.OpenScopes(writer, model.Namespace, model.ContainingTypes);
        string interfaces = model.Scope switch
        {
            StateScope.Keyed => Stateful + ", " + KeyedState,
            StateScope.ByStream => Stateful + ", " + KeyedState + ", " + ScopedState,
            _ => Stateful,
        };
        writer.Line($"partial class {model.Name} : {interfaces}").Open();

        EmitFields(writer, model);
        writer.Line();
        if (model.Scope == StateScope.Keyed)
        {
            EmitKeyedInitialize(writer, model, Stateful + ".InitializeState", KeyedField(model));
        }
        else
        {
            EmitOperatorInitialize(writer, model);
        }

        writer.Line();
        if (model.Scope == StateScope.ByStream)
        {
            EmitKeyedInitialize(writer, model, ScopedState + ".InitializeKeyedState", KeyedField(model));
            writer.Line();
        }

        EmitBeforeSnapshot(writer, model);
        writer.Line();
        EmitCallbacks(writer, "NotifyCheckpointComplete", model.OnCheckpointComplete);
        writer.Line();
        EmitCallbacks(writer, "NotifyCheckpointAborted", model.OnCheckpointAborted);
        writer.Line();
        if (model.Scope != StateScope.Operator)
        {
            EmitLoadStore(writer, model);
            writer.Line();
        }

        EmitCaptureApply(writer, model);
        writer.Line();
        FieldRecordEmitter.Emit(writer, model);

        writer.Close();
        EmitHelpers.CloseScopes(writer, scopes);
        return writer.ToString();
    }

    /// <summary>The field of the keyed value state: the only state field of a keyed operator, the second of a by-stream one.</summary>
    private static string KeyedField(OperatorModel model) => model.Scope == StateScope.ByStream ? ByStreamKeyedField : ListField;

    /// <summary>The method that declares the keyed value state, named in the error when it was not called.</summary>
    private static string KeyedInitializer(OperatorModel model) => model.Scope == StateScope.ByStream ? "IGeneratedScopedState.InitializeKeyedState" : "IGeneratedStateful.InitializeState";

    private static void EmitFields(SourceWriter writer, OperatorModel model)
    {
        string valueState = $"global::FlinkSdk.State.IValueState<{Record}>";
        string listState = $"global::FlinkSdk.State.IListState<{Record}>";
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"private {(model.Scope == StateScope.Keyed ? valueState : listState)}? {ListField};");
        if (model.Scope == StateScope.ByStream)
        {
            writer.Line();
            writer.Line("/// <summary>The keyed state of the members when the function runs on a keyed stream; null on any other.</summary>");
            writer.Line(EmitHelpers.GeneratedCodeAttribute);
            writer.Line($"private {valueState}? {ByStreamKeyedField};");
        }

        if (model.Scope != StateScope.Operator)
        {
            writer.Line();
            writer.Line("/// <summary>The record of the members' initial values, serialized once; read back for every new key.</summary>");
            writer.Line(EmitHelpers.GeneratedCodeAttribute);
            writer.Line("private byte[]? __flinkDefaults;");
        }
    }

    /// <summary>Serializes the members' initial values into <c>defaults</c>: missing ids and new keys read them back.</summary>
    private static void EmitDefaults(SourceWriter writer)
    {
        writer.Line("var buffer = new global::System.Buffers.ArrayBufferWriter<byte>();");
        writer.Line("var writer = new global::FlinkSdk.Serialization.MessagePackWriter(buffer);");
        writer.Line($"{Serializer}.Write(ref writer, this.__FlinkCapture());");
        writer.Line("writer.Flush();");
        writer.Line("byte[] defaults = buffer.WrittenSpan.ToArray();");
    }

    /// <summary>The descriptor's initializer: serializer with defaults, schema and immutability.</summary>
    private static void EmitDescriptorInitializer(SourceWriter writer, OperatorModel model)
    {
        string schema = string.Join(";", model.Members.Select(m => EmitHelpers.Int(m.Id) + ":" + m.SchemaName + ":" + m.Type.SchemaName));
        bool immutable = model.Members.All(m => m.Type.IsImmutable);
        writer.Open();
        writer.Line($"Serializer = new {Serializer}(defaults),");
        writer.Line($"Schema = {EmitHelpers.StringLiteral(schema)},");
        writer.Line($"IsImmutable = {EmitHelpers.Bool(immutable)},");
        writer.Close(");");
    }

    private static void EmitKeyedInitialize(SourceWriter writer, OperatorModel model, string method, string field)
    {
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"void {method}(global::FlinkSdk.DataStream.IRuntimeContext context)").Open();
        EmitDefaults(writer);
        writer.Line("this.__flinkDefaults = defaults;");
        writer.Line($"this.{field} = context.GetState(new global::FlinkSdk.State.ValueStateDescriptor<{Record}>({StateName})");
        EmitDescriptorInitializer(writer, model);
        writer.Close();
    }

    private static void EmitOperatorInitialize(SourceWriter writer, OperatorModel model)
    {
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"void {Stateful}.InitializeState(global::FlinkSdk.DataStream.IRuntimeContext context)").Open();
        EmitDefaults(writer);
        writer.Line($"var state = context.GetListState(new global::FlinkSdk.State.ListStateDescriptor<{Record}>({StateName})");
        EmitDescriptorInitializer(writer, model);
        writer.Line($"this.{ListField} = state;");
        writer.Line("int count = 0;");
        writer.Line($"var restored = default({Record});");
        writer.Line("foreach (var element in state)").Open();
        writer.Line("if (count == 0)").Open();
        writer.Line("restored = element;");
        writer.Close();
        writer.Line();
        writer.Line("count++;");
        writer.Close();
        writer.Line();
        writer.Line("if (count > 1)").Open();
        string message = EmitHelpers.StringLiteral(
            "The [State] fields of operator " + model.DisplayName + " were restored from the field state of ");
        string rest = EmitHelpers.StringLiteral(
            " old subtasks, which cannot be merged into one. Keep the operator's parallelism when restoring, or use keyed state.");
        writer.Line($"throw new global::System.InvalidOperationException({message} + count.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + {rest});");
        writer.Close();
        writer.Line();
        writer.Line("if (count == 1)").Open();
        writer.Line("this.__FlinkApply(in restored);");
        writer.Close();
        if (!model.Members.All(m => m.Type.IsImmutable))
        {
            // Subtasks run shallow copies of one function object: a mutable initial value would be shared by all.
            writer.Line("else").Open();
            writer.Line("// Each parallel instance starts from its own copy of the members' initial values.");
            writer.Line("var reader = new global::FlinkSdk.Serialization.MessagePackReader(new global::System.ReadOnlySpan<byte>(defaults));");
            writer.Line($"this.__FlinkApply({Serializer}.Read(ref reader, null));");
            writer.Close();
        }

        writer.Close();
    }

    private static void EmitBeforeSnapshot(SourceWriter writer, OperatorModel model)
    {
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"void {Stateful}.BeforeSnapshot(long checkpointId)").Open();
        foreach (var callback in model.BeforeSnapshot)
        {
            writer.Line(Call(callback));
        }

        string update = $"{StateOrThrow(ListField, "IGeneratedStateful.InitializeState")}.Update(new {Record}[] {{ this.__FlinkCapture() }});";
        if (model.Scope == StateScope.Operator)
        {
            writer.Line(update);
        }
        else if (model.Scope == StateScope.ByStream)
        {
            // On a keyed stream every record already stored the members in the key's state.
            writer.Line($"if (this.{ByStreamKeyedField} is null)").Open();
            writer.Line(update);
            writer.Close();
        }

        writer.Close();
    }

    private static void EmitCallbacks(SourceWriter writer, string method, EquatableArray<CallbackModel> callbacks)
    {
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"void {Stateful}.{method}(long checkpointId)").Open();
        foreach (var callback in callbacks)
        {
            writer.Line(Call(callback));
        }

        writer.Close();
    }

    private static void EmitLoadStore(SourceWriter writer, OperatorModel model)
    {
        string state = StateOrThrow(KeyedField(model), KeyedInitializer(model));
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"void {KeyedState}.LoadState()").Open();
        writer.Line($"var state = {state};");
        writer.Line("if (state.HasValue)").Open();
        writer.Line("this.__FlinkApply(state.Value);");
        writer.Close();
        writer.Line("else").Open();
        writer.Line("var reader = new global::FlinkSdk.Serialization.MessagePackReader(new global::System.ReadOnlySpan<byte>(this.__flinkDefaults));");
        writer.Line($"this.__FlinkApply({Serializer}.Read(ref reader, null));");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"void {KeyedState}.StoreState()").Open();
        writer.Line($"{state}.Value = this.__FlinkCapture();");
        writer.Close();
    }

    private static void EmitCaptureApply(SourceWriter writer, OperatorModel model)
    {
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"private {Record} __FlinkCapture()").Open();
        writer.Line($"var record = default({Record});");
        foreach (var member in model.Members)
        {
            writer.Line($"record.{member.Name} = this.{member.Name};");
        }

        writer.Line("return record;");
        writer.Close();
        writer.Line();
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"private void __FlinkApply(in {Record} record)").Open();
        foreach (var member in model.Members)
        {
            writer.Line($"this.{member.Name} = record.{member.Name};");
        }

        writer.Close();
    }

    private static string StateOrThrow(string field, string initializer)
        => $"(this.{field} ?? throw new global::System.InvalidOperationException(\"The operator's [State] fields are used before {initializer} declared their state.\"))";

    private static string Call(CallbackModel callback)
        => callback.TakesCheckpointId ? $"this.{callback.Name}(checkpointId);" : $"this.{callback.Name}();";
}
